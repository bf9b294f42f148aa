/**
 * The work every subject of the benchmark does the same way: the events, the writers and the
 * timing of appends and of paged reads of the global log. Shared by the main process (the store and
 * raw pg) and the peer worker (Emmett), so that all three run exactly the same workload.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { EventStore, EventToAppend, Position } from '@samenloop/event-store';

export interface AppendSpec {
  /** Concurrent writers; each appends to its own streams, one call after the other. */
  writers: number;
  /** Appends per writer. */
  callsPerWriter: number;
  eventsPerCall: number;
  /** Appends per stream before the writer moves on to a new stream. */
  callsPerStream: number;
}

export type AppendCall = (stream: string, events: EventToAppend[]) => Promise<unknown>;

/** A bench event: JSON data of about 250 bytes, like an intake fact of the social domain. */
export function benchEvent(stream: string, sequence: number): EventToAppend {
  return {
    id: randomUUID(),
    type: EVENT_TYPES[sequence % EVENT_TYPES.length],
    data: {
      clientRef: stream,
      sequence,
      partner: 'wijkteam-noord',
      note: 'Intake afgerond; vervolgafspraak gepland met de casusregisseur.',
      amountCents: 12_500 + sequence,
      tags: ['schuldhulp', 'jeugd'],
    },
    metadata: { correlationId: randomUUID(), actor: 'bench' },
  };
}

const EVENT_TYPES = [
  'ClientRegistered',
  'ConsentGiven',
  'CarePlanAgreed',
  'AppointmentScheduled',
] as const;

export function benchEvents(stream: string, first: number, count: number): EventToAppend[] {
  return Array.from({ length: count }, (_, index) => benchEvent(stream, first + index));
}

/** Runs the writers of one append case and returns the elapsed milliseconds. */
export async function timeAppends(
  append: AppendCall,
  spec: AppendSpec,
  tag: string,
): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: spec.writers }, async (_, writer) => {
      for (let call = 0; call < spec.callsPerWriter; call += 1) {
        const stream = `${tag}-w${writer}-s${Math.floor(call / spec.callsPerStream)}`;
        const first = (call % spec.callsPerStream) * spec.eventsPerCall;
        await append(stream, benchEvents(stream, first, spec.eventsPerCall));
      }
    }),
  );
  return performance.now() - started;
}

/** One page of a log read: how many events it held and the cursor after it. */
export interface Page<Cursor> {
  count: number;
  next: Cursor;
}

export interface ReadTiming {
  events: number;
  pages: number;
  elapsedMs: number;
  /** The first `segment` events of the log (rounded up to whole pages), and the time they took. */
  start: Span;
  /** The last `segment` events of the log (rounded up to whole pages), and the time they took. */
  end: Span;
}

export interface Span {
  events: number;
  elapsedMs: number;
}

/** Reads the whole log page by page, until a page comes back empty. */
export async function timeLogRead<Cursor>(
  start: Cursor,
  readPage: (cursor: Cursor) => Promise<Page<Cursor>>,
  segment: number,
): Promise<ReadTiming> {
  const marks: Span[] = [{ events: 0, elapsedMs: 0 }];
  const started = performance.now();
  let cursor = start;
  for (;;) {
    const page = await readPage(cursor);
    if (page.count === 0) break;
    cursor = page.next;
    marks.push({
      events: marks[marks.length - 1].events + page.count,
      elapsedMs: performance.now() - started,
    });
  }
  const elapsedMs = performance.now() - started;
  const last = marks[marks.length - 1];
  const first = marks.find((mark) => mark.events >= segment) ?? last;
  const before = marks.findLast((mark) => mark.events <= last.events - segment) ?? marks[0];
  return {
    events: last.events,
    pages: marks.length - 1,
    elapsedMs,
    start: first,
    end: { events: last.events - before.events, elapsedMs: elapsedMs - before.elapsedMs },
  };
}

/** The store's global read, `readAll({ from, limit })` page by page, as its consumers read. */
export function timeStoreRead(
  store: Pick<EventStore, 'readAll'>,
  pageSize: number,
  segment: number,
): Promise<ReadTiming> {
  return timeLogRead<Position | 'start'>(
    'start',
    async (from) => {
      const events = await store.readAll({ from, limit: pageSize });
      return { count: events.length, next: events.at(-1)?.position ?? from };
    },
    segment,
  );
}

/** Two reads of the same log as one: their events and times added up. */
export function addReads(a: ReadTiming, b: ReadTiming): ReadTiming {
  const add = (x: Span, y: Span): Span => ({
    events: x.events + y.events,
    elapsedMs: x.elapsedMs + y.elapsedMs,
  });
  return {
    events: a.events + b.events,
    pages: a.pages + b.pages,
    elapsedMs: a.elapsedMs + b.elapsedMs,
    start: add(a.start, b.start),
    end: add(a.end, b.end),
  };
}

export function spanRate(span: Span): number {
  return rate(span.events, span.elapsedMs);
}

export function rate(events: number, elapsedMs: number): number {
  return elapsedMs > 0 ? (events * 1000) / elapsedMs : 0;
}
