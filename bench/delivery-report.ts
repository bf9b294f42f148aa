/** The "Delivery" section of BENCHMARKS.md from one run of the delivery bench. */
import { IDLE_LOAD } from './bench-load';
import { eventsPerSecond, type Machine } from './report';
import type { LatencyResult } from './delivery-sse-latency';
import { rate, type ThroughputResult } from './delivery-throughput';

export const THROUGHPUT_TARGET = 0.7;
export const P99_TARGET_MS = 100;
/** Keeping up: appending at least this share of the offered rate... */
export const KEEP_UP_SHARE = 0.95;
/** ...with no more than this many seconds' worth of events left behind as the sending ends. */
export const KEEP_UP_BACKLOG_S = 1;

export interface DeliveryRun {
  startedAt: Date;
  minutes: number;
  machine: Machine;
  /** 1-minute load average before and after. */
  load: [number, number];
  versions: Record<'node' | 'kafkajs' | 'pg' | 'nest' | 'postgres' | 'database' | 'broker', string>;
  throughput: ThroughputResult;
  /** At the target rate. */
  latency: LatencyResult;
  /** The same at a low rate, for information. */
  quietLatency: LatencyResult;
  /** The same at the peak rate the hub must keep up with. */
  peakLatency: LatencyResult;
}

/** Whether the hub appended what was offered and delivered it without a growing backlog. */
export function keepsUp(l: LatencyResult): boolean {
  return (
    l.lost === 0 &&
    l.appendedRate >= KEEP_UP_SHARE * l.rate &&
    l.backlog.end <= KEEP_UP_BACKLOG_S * l.rate
  );
}

export function renderDeliverySection(run: DeliveryRun): string {
  const { throughput: t, latency: l, quietLatency: q, peakLatency: peak, machine, versions } = run;
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  const relay = rate(t.entries * t.relayMs.length, sum(t.relayMs));
  const raw = rate(t.entries * t.rawMs.length, sum(t.rawMs));
  const unlogged = rate(t.entries * t.unloggedMs.length, sum(t.unloggedMs));
  const ratio = raw > 0 ? relay / raw : 0;
  const ratioMet = ratio >= THROUGHPUT_TARGET;
  const p99Met = l.lost === 0 && l.appendToSse.p99 < P99_TARGET_MS;
  const peakMet = keepsUp(peak);
  // Both ends of each latency are wall-clock milliseconds: no finer figure is known.
  const ms = (value: number) => `${eventsPerSecond(value)} ms`;
  const perRound = (values: number[]) =>
    values.map((value) => eventsPerSecond(rate(t.entries, value))).join(', ');
  const missed = [
    ...(ratioMet ? [] : [`relay/raw ${ratio.toFixed(2)} < ${THROUGHPUT_TARGET.toFixed(2)}`]),
    ...(p99Met
      ? []
      : [
          `append-to-SSE p99 ${ms(l.appendToSse.p99)} ≥ ${P99_TARGET_MS} ms or events lost (${l.lost})`,
        ]),
    ...(peakMet ? [] : [`the hub did not keep up with ${peak.rate}/s`]),
  ];
  const lostNote = (r: LatencyResult) => (r.lost > 0 ? `, ${r.lost} lost` : '');
  const drain = (r: LatencyResult) =>
    Number.isNaN(r.drainMs) ? 'not all arrived' : `${ms(r.drainMs)} to drain`;
  return `Run ${run.startedAt.toISOString()} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB
memory (1-minute load average ${run.load[0].toFixed(1)} before the run, ${run.load[1].toFixed(1)} after).
Node ${versions.node}, kafkajs ${versions.kafkajs}, @nestjs/core ${versions.nest}, pg ${versions.pg},
PostgreSQL ${versions.postgres} (${versions.database === 'embedded' ? 'embedded' : 'DATABASE_URL'}),
Kafka: ${versions.broker}. The run took ${run.minutes.toFixed(1)} min.

| Case | Delivery | Baseline | Result | Target | Met? | Before (issue 12) |
| --- | ---: | ---: | ---: | ---: | :---: | ---: |
| Kafka relay, ${eventsPerSecond(t.entries)} feed entries, ${eventsPerSecond(t.batchSize)}/batch (events/s) | ${eventsPerSecond(relay)} | ${eventsPerSecond(raw)} raw kafkajs | ${ratio.toFixed(2)} | ≥ ${THROUGHPUT_TARGET.toFixed(2)} | ${ratioMet ? 'yes' : '**no**'} | — |
| ↳ the relay with the access log off (for information) | ${eventsPerSecond(unlogged)} | ${eventsPerSecond(raw)} raw kafkajs | ${(raw > 0 ? unlogged / raw : 0).toFixed(2)} | — | — | — |
| Append to SSE at ${l.rate}/s, p50 | ${ms(l.appendToSse.p50)} | — | — | — | — | — |
| Append to SSE at ${l.rate}/s, p99 | ${ms(l.appendToSse.p99)} | — | — | < ${P99_TARGET_MS} ms | ${p99Met ? 'yes' : '**no**'} | 153 ms at 20/s |
| ↳ max; appended at ${l.appendedRate.toFixed(0)}/s${lostNote(l)} | ${ms(l.appendToSse.max)} | — | — | — | — | — |
| ↳ append to feed row (materializer), p50 / p99 | ${ms(l.appendToFeed.p50)} / ${ms(l.appendToFeed.p99)} | — | — | — | — | — |
| ↳ feed row to SSE, p50 / p99 | ${ms(l.feedToSse.p50)} / ${ms(l.feedToSse.p99)} | — | — | — | — | — |
| ↳ send (HTTP POST) to SSE, p50 / p99 | ${ms(l.sendToSse.p50)} / ${ms(l.sendToSse.p99)} | — | — | — | — | — |
| Keeps up with ${peak.rate}/s: appended/s; backlog as the sending ended (events) | ${peak.appendedRate.toFixed(0)}/s; ${eventsPerSecond(peak.backlog.end)} | ${peak.rate}/s offered | ${(peak.appendedRate / peak.rate).toFixed(2)}; backlog ${eventsPerSecond(peak.backlog.start)} → ${eventsPerSecond(peak.backlog.end)}${lostNote(peak)} | ≥ ${KEEP_UP_SHARE.toFixed(2)}; ≤ ${eventsPerSecond(KEEP_UP_BACKLOG_S * peak.rate)} | ${peakMet ? 'yes' : '**no**'} | 392/s appended |
| ↳ append to SSE at ${peak.rate}/s, p50 / p99 / max; ${drain(peak)} | ${ms(peak.appendToSse.p50)} / ${ms(peak.appendToSse.p99)} / ${ms(peak.appendToSse.max)} | — | — | — | — | p99 787 ms |
| Append to SSE at ${q.rate}/s (for information), p50 / p99 / max | ${ms(q.appendToSse.p50)} / ${ms(q.appendToSse.p99)} / ${ms(q.appendToSse.max)} | — | — | — | — | p50 55 ms, p99 153 ms |
| ↳ append to feed row, p50 / p99; feed row to SSE, p50 / p99 | ${ms(q.appendToFeed.p50)} / ${ms(q.appendToFeed.p99)}; ${ms(q.feedToSse.p50)} / ${ms(q.feedToSse.p99)} | — | — | — | — | — |

${missed.length === 0 ? 'All targets met.' : `Targets missed: ${missed.join('; ')}.`}${busyNote(run)}

How it is measured, all on this machine in one run:

- The events enter through the HTTP intake of the built hub (\`dist/apps/hub\`, its own process,
  Kafka off), whose feed materializer fills the partner feed: a municipality enrols
  clients, a GGZ and a work company signal each, and all three publish \`contact-attempted\`
  events (in batches of 500), so each event reaches the other involved partners.
- Relay: \`createKafkaRelay\` in the bench process, reading that feed through the delivery lib's
  \`PostgresPartnerFeed\` from seq 0, producing ${eventsPerSecond(t.batchSize)} entries per request with acks=all
  (idempotent producer: ${t.idempotent ? 'yes' : 'no, the broker refused it; one request in flight'}),
  storing its checkpoint after each batch; timed from \`start()\` (leadership, connect and topic
  creation included) to its checkpoint at the feed's head. Raw: one kafkajs producer with the same
  settings sending the very same records (built beforehand by the relay's binding,
  \`binaryModeRecord\`) in the same batches, timed from connect to the last acknowledgement.
  ${t.relayMs.length} round(s) each, alternating which goes first, each round to topics of its own;
  figures are all events over all time (per round, relay: ${perRound(t.relayMs)}; raw:
  ${perRound(t.rawMs)}; relay without access log: ${perRound(t.unloggedMs)}). The relay writes
  the NEN 7513 access log (one transaction per partner per batch, in the audit lib's hash chain)
  before it produces; the row without it shows what the relay itself adds to producing. Raw
  kafkajs only sends records built beforehand in memory; the relay reads them from PostgreSQL
  (pages of ${eventsPerSecond(t.batchSize)}; reads and access-log writes overlap the produce, up to two batches
  ahead), builds them, logs and checkpoints, all on the same CPUs as the broker and the database.
- SSE: a second municipality publishes \`contact-attempted\` events about 50 clients over HTTP
  at a steady ${l.rate}/s, ${perRequest(l)}
  (open loop, at most 64 requests in flight; ${l.warmupS} s warm-up, then ${l.durationS} s measured;
  sent at ${l.achievedRate.toFixed(0)}/s, appended by the hub at ${l.appendedRate.toFixed(0)}/s: what the hub
  cannot take at once waits, hence the send-to-SSE figures), while a GGZ partner involved with
  those clients reads \`GET /v1/feed/stream\`. Before it, the same with another pair at
  ${q.rate}/s, ${perRequest(q)} (appended at ${q.appendedRate.toFixed(0)}/s; ${q.measured} events measured, ${q.lost} lost);
  after it, with a third pair at ${peak.rate}/s, ${perRequest(peak)} (sent at ${peak.achievedRate.toFixed(0)}/s;
  ${peak.measured} events measured, ${peak.lost} lost). The hub keeps up with a rate when it appends
  at least ${KEEP_UP_SHARE * 100}% of it, loses nothing, and as the sending ends at most ${KEEP_UP_BACKLOG_S} s worth of
  events (sent, not yet on the stream) is left behind; the backlog is also given as the measured
  span began, so that one growing shows.
  Latency per event: from its append (the receipt's \`receivedAt\`, stamped as the hub appends)
  to its arrival on the stream (stamped by a worker thread of its own), through the feed
  materializer (LISTEN/NOTIFY), the feed table and the stream's wake-up, split at the feed row's
  \`created_at\` (the materializer's transaction time); also from the send of the POST.
  ${eventsPerSecond(l.measured)} events measured at ${l.rate}/s, ${l.lost} lost. "Before" is issue 12's
  run on an idle machine.
`;
}

function perRequest(r: LatencyResult): string {
  return r.batch === 1
    ? 'one per request'
    : `${r.batch} per request (a batch every ${((1000 * r.batch) / r.rate).toFixed(0)} ms)`;
}

/** Why figures may be low, where the run itself shows it. */
function busyNote({ load, latency, quietLatency }: DeliveryRun): string {
  const notes: string[] = [];
  if (load[0] >= IDLE_LOAD) {
    notes.push(
      `**The machine was not idle** (1-minute load average ${load[0].toFixed(1)} as the run started): other processes competed for the CPU, so the figures are low and the ratio less reliable than on an idle machine.`,
    );
  }
  if (!keepsUp(latency)) {
    notes.push(
      `**The hub did not keep up with ${latency.rate}/s**: it appended ${latency.appendedRate.toFixed(0)}/s and left ${latency.backlog.end} events behind as the sending ended, so it worked through a backlog at full load and its feed materializer and stream shared the CPU with it: the append-to-SSE figures at that rate are those of a saturated hub. The rows at ${quietLatency.rate}/s show the same path without that backlog.`,
    );
  }
  if (quietLatency.appendToSse.p99 >= P99_TARGET_MS) {
    notes.push(
      `Even at ${quietLatency.rate}/s the append-to-SSE p99 is ${Math.round(quietLatency.appendToSse.p99)} ms, split between the materializer (append to feed row) and the stream's wake-up (feed row to SSE).`,
    );
  }
  return notes.map((note) => `\n\n${note}`).join('');
}
