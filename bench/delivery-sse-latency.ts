/**
 * Append-to-SSE latency at a steady rate: one partner publishes events over HTTP (alone or in small
 * batches) on a fixed schedule (open loop: a slow answer does not delay the next send), another reads its
 * `GET /v1/feed/stream`. Per event: from its append (the receipt's `receivedAt`, stamped by the hub
 * as it appends) and from the send, to its arrival on the stream.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { contact, publish, type BenchClient, type BenchPartner } from './delivery-workload';
import { percentilesOf, type Percentiles } from './percentiles';

export interface LatencyResult {
  rate: number;
  /** Events per request. */
  batch: number;
  durationS: number;
  warmupS: number;
  sent: number;
  measured: number;
  lost: number;
  /** Sends per second actually started over the measured span. */
  achievedRate: number;
  /** Appends per second the hub kept up over the measured span (by the receipts' times). */
  appendedRate: number;
  appendToSse: Percentiles;
  sendToSse: Percentiles;
  /** From the append to the feed row's creation (the materializer), and from there to the stream. */
  appendToFeed: Percentiles;
  feedToSse: Percentiles;
  /** Events sent but not yet on the stream as the measured span began, and as the sending ended. */
  backlog: { start: number; end: number };
  /** From the end of the sending until the last event arrived; NaN when some never did. */
  drainMs: number;
}

interface Sent {
  sentAt: number;
  appendedAt?: number;
  arrivedAt?: number;
  measured: boolean;
}

export async function measureSseLatency(options: {
  url: string;
  publisher: BenchPartner;
  reader: BenchPartner;
  clients: readonly BenchClient[];
  rate: number;
  /** Events per request: one alone, or several as a batch, sent every `batch / rate` seconds. */
  batch: number;
  durationS: number;
  warmupS: number;
  /** When the reader's feed rows of these events were written (ms since the epoch), by ce_id. */
  materializedAt: (ids: string[]) => Promise<Map<string, number>>;
  log: (line: string) => void;
}): Promise<LatencyResult> {
  const { url, publisher, reader, clients, rate, batch, durationS, warmupS, log } = options;
  const events = new Map<string, Sent>();
  const stream = await openStream(url, reader, (id, arrivedAt) => {
    const sent = events.get(id);
    // Wall-clock time, comparable with the hub's receivedAt on the same machine.
    if (sent && sent.arrivedAt === undefined) sent.arrivedAt = arrivedAt;
  });
  const failures: string[] = [];
  const pending = new Set<Promise<void>>();
  const total = Math.round(rate * (warmupS + durationS));
  const intervalMs = (1000 * batch) / rate;
  const started = performance.now();
  let measuredFrom = 0;
  let measuredFromWall = 0;
  for (let n = 0; n < total; n += batch) {
    const due = started + (n / batch) * intervalMs;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const measured = n >= rate * warmupS;
    if (measured && measuredFrom === 0) {
      measuredFrom = performance.now();
      measuredFromWall = Date.now();
    }
    const bodies = Array.from({ length: Math.min(batch, total - n) }, (_, i) =>
      contact(publisher, clients[(n + i) % clients.length]!.get(publisher.id)!),
    );
    const sent = bodies.map((body) => {
      const one: Sent = { sentAt: Date.now(), measured };
      events.set(body.id as string, one);
      return one;
    });
    const sending = publish(url, publisher, bodies).then(
      (receipts) => {
        receipts.forEach((receipt, i) => (sent[i]!.appendedAt = Date.parse(receipt.receivedAt)));
      },
      (error: unknown) => {
        const cause = (error as Error).cause as Error | undefined;
        failures.push(`${(error as Error).message}${cause ? ` (${cause.message})` : ''}`);
      },
    );
    pending.add(sending);
    void sending.finally(() => pending.delete(sending));
    if (n % rate < batch) log(`sent ${n} of ${total}`);
  }
  const measuredTo = performance.now();
  const measuredToWall = Date.now();
  await Promise.all(pending);
  // Whatever has not arrived 10 s after the last send counts as lost.
  const deadline = Date.now() + 10_000;
  while ([...events.values()].some((e) => e.arrivedAt === undefined) && Date.now() < deadline) {
    await sleep(50);
  }
  await stream.close();
  if (failures.length > 0) throw new Error(`${failures.length} sends failed: ${failures[0]}`);

  const all = [...events.values()];
  // Wall-clock times throughout: the stream's arrivals are stamped in another thread.
  const backlogAt = (at: number) =>
    all.filter((e) => e.sentAt <= at && !(e.arrivedAt !== undefined && e.arrivedAt <= at)).length;
  const lastArrival = Math.max(...all.map((e) => e.arrivedAt ?? NaN));
  const measuredIds = [...events].filter(([, e]) => e.measured).map(([id]) => id);
  const measured = measuredIds.map((id) => events.get(id)!);
  const arrived = measured.filter((e) => e.arrivedAt !== undefined && e.appendedAt !== undefined);
  const appended = measured.map((e) => e.appendedAt ?? NaN).filter((t) => !Number.isNaN(t));
  const materialized = await options.materializedAt(measuredIds);
  const split = measuredIds.flatMap((id) => {
    const { appendedAt, arrivedAt } = events.get(id)!;
    const at = materialized.get(id);
    return at === undefined || appendedAt === undefined || arrivedAt === undefined
      ? []
      : [{ toFeed: at - appendedAt, toSse: arrivedAt - at }];
  });
  return {
    rate,
    batch,
    durationS,
    warmupS,
    sent: events.size,
    measured: arrived.length,
    lost: measured.length - arrived.length,
    achievedRate: (measured.length * 1000) / (measuredTo - measuredFrom),
    appendedRate: (appended.length * 1000) / (Math.max(...appended) - Math.min(...appended)),
    appendToSse: percentilesOf(arrived.map((e) => e.arrivedAt! - e.appendedAt!)),
    sendToSse: percentilesOf(arrived.map((e) => e.arrivedAt! - e.sentAt)),
    appendToFeed: percentilesOf(split.map((e) => e.toFeed)),
    feedToSse: percentilesOf(split.map((e) => e.toSse)),
    backlog: { start: backlogAt(measuredFromWall), end: backlogAt(measuredToWall) },
    drainMs: Math.max(0, lastArrival - measuredToWall),
  };
}

/** Reads the partner's event stream from its start in a worker thread; see delivery.sse-reader. */
async function openStream(
  url: string,
  partner: BenchPartner,
  onEvent: (id: string, arrivedAt: number) => void,
): Promise<{ close(): Promise<void> }> {
  const worker = new Worker(join(__dirname, 'delivery-sse-reader.js'), {
    workerData: { url, token: partner.token },
  });
  await new Promise<void>((resolve, reject) => {
    worker.on(
      'message',
      (message: { open?: true; id?: string; arrivedAt?: number; error?: string }) => {
        if (message.open) resolve();
        else if (message.error) reject(new Error(message.error));
        else onEvent(message.id!, message.arrivedAt!);
      },
    );
    worker.once('error', reject);
  });
  return { close: async () => void (await worker.terminate()) };
}
