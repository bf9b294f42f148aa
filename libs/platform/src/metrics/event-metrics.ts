import { Counter, register } from 'prom-client';

const appended = new Counter({
  name: 'samenloop_events_appended_total',
  help: 'Events written to the event store (idempotent repeats excluded); rate() gives appends per second',
  registers: [register],
});

/** The event store's adapters call this once per write, with the number of events it stored. */
export function countAppendedEvents(count: number): void {
  if (count > 0) appended.inc(count);
}
