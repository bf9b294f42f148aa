import { setTimeout as sleep } from 'node:timers/promises';
import { Gauge, register } from 'prom-client';

/** A sampler stuck behind a lock must not hold up a scrape or a readiness probe. */
const SAMPLE_TIMEOUT_MS = 2_000;

/** How far a worker trails what it follows. */
export interface WorkerLag {
  /** Events (or entries) not yet processed. */
  events: number;
  /** Age of the oldest of them; 0 when caught up. */
  seconds: number;
}

/** Lag is counted up to this many events: beyond it a worker is simply far behind. */
export const LAG_COUNT_LIMIT = 100_000;

/** The lag of `events` pending, the oldest of them recorded at `oldestAt` (null when none). */
export function lagOf(events: number, oldestAt: Date | null, now = Date.now()): WorkerLag {
  return { events, seconds: oldestAt ? Math.max(0, (now - oldestAt.getTime()) / 1_000) : 0 };
}

/** Null when the worker runs elsewhere now (a standby): the leading process reports it. */
export type LagSampler = () => Promise<WorkerLag | null>;

/** The lag of several workers at once, by name (e.g. one per webhook subscription). */
export type GroupLagSampler = () => Promise<ReadonlyMap<string, WorkerLag>>;

export interface TrackedLag extends WorkerLag {
  /** Whether this lag may fail readiness (READY_MAX_LAG_EVENTS). */
  gatesReadiness: boolean;
}

interface Tracked {
  sample: GroupLagSampler;
  gatesReadiness: boolean;
  /** A sample still running: the next round waits on it instead of piling up another query. */
  pending?: Promise<ReadonlyMap<string, WorkerLag>>;
}

/**
 * The workers running in this process and how to measure their lag. Sampled only when asked (a
 * scrape, a readiness check), never per event; concurrent asks share one round of samples.
 */
export class WorkerLagRegistry {
  private readonly tracked = new Set<Tracked>();
  private sampling?: Promise<Map<string, TrackedLag>>;

  /** Returns the call that stops tracking, for the worker's stop. */
  track(worker: string, sample: LagSampler): () => void {
    return this.trackGroup(
      async () => {
        const lag = await sample();
        return new Map(lag ? [[worker, lag]] : []);
      },
      { gatesReadiness: true },
    );
  }

  /**
   * Several workers measured together. `gatesReadiness: false` for lag that says more about a
   * partner than about this process (a webhook endpoint that is down): shown, but never fatal.
   */
  trackGroup(sample: GroupLagSampler, { gatesReadiness }: { gatesReadiness: boolean }): () => void {
    const entry: Tracked = { sample, gatesReadiness };
    this.tracked.add(entry);
    return () => this.tracked.delete(entry);
  }

  /**
   * The lag of each worker by name (the largest, should one name run twice). A sampler that fails
   * is left out: its worker is then retrying, and the database check reports why.
   */
  sample(): Promise<ReadonlyMap<string, TrackedLag>> {
    this.sampling ??= this.sampleAll().finally(() => {
      this.sampling = undefined;
    });
    return this.sampling;
  }

  private async sampleAll(): Promise<Map<string, TrackedLag>> {
    const entries = [...this.tracked];
    const outcomes = await Promise.allSettled(
      entries.map((entry) => {
        entry.pending ??= entry.sample().finally(() => {
          entry.pending = undefined;
        });
        return withTimeout(entry.pending, SAMPLE_TIMEOUT_MS);
      }),
    );
    const lags = new Map<string, TrackedLag>();
    outcomes.forEach((outcome, index) => {
      if (outcome.status !== 'fulfilled') return;
      const { gatesReadiness } = entries[index]!;
      for (const [worker, lag] of outcome.value) {
        const known = lags.get(worker);
        if (!known || known.events < lag.events) lags.set(worker, { ...lag, gatesReadiness });
      }
    });
    return lags;
  }
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  const cancel = new AbortController();
  const late = sleep(ms, undefined, { signal: cancel.signal, ref: false }).then(() => {
    throw new Error(`no lag sample within ${ms} ms`);
  });
  late.catch(() => undefined);
  try {
    return await Promise.race([work, late]);
  } finally {
    cancel.abort();
  }
}

/** One per process, like prom-client's default registry it reports to. */
export const workerLag = new WorkerLagRegistry();

function lagGauge(name: string, help: string, pick: (lag: WorkerLag) => number): void {
  new Gauge({
    name,
    help,
    labelNames: ['worker'] as const,
    registers: [register],
    async collect() {
      const lags = await workerLag.sample();
      // Workers that stopped or stand by drop out instead of reporting their last value forever.
      this.reset();
      for (const [worker, lag] of lags) this.set({ worker }, pick(lag));
    },
  });
}

lagGauge(
  'samenloop_worker_lag_events',
  'Events a worker running in this process has yet to process',
  (lag) => lag.events,
);
lagGauge(
  'samenloop_worker_lag_seconds',
  'Age of the oldest event a worker running in this process has yet to process; 0 when caught up',
  (lag) => lag.seconds,
);
