import { Gauge, register } from 'prom-client';

/** How far a worker trails what it follows. */
export interface WorkerLag {
  /** Events (or entries) not yet processed. */
  events: number;
  /** Age of the oldest of them; 0 when caught up. */
  seconds: number;
}

/** Null when the worker runs elsewhere now (a standby): the leading process reports it. */
export type LagSampler = () => Promise<WorkerLag | null>;

interface Tracked {
  worker: string;
  sample: LagSampler;
}

/**
 * The workers running in this process and how to measure their lag. Sampled only when asked (a
 * scrape, a readiness check), never per event; concurrent asks share one round of samples.
 */
export class WorkerLagRegistry {
  private readonly tracked = new Set<Tracked>();
  private sampling?: Promise<Map<string, WorkerLag>>;

  /** Returns the call that stops tracking, for the worker's stop. */
  track(worker: string, sample: LagSampler): () => void {
    const entry = { worker, sample };
    this.tracked.add(entry);
    return () => this.tracked.delete(entry);
  }

  /**
   * The lag of each worker by name (the largest, should one name run twice). A sampler that fails
   * is left out: its worker is then retrying, and the database check reports why.
   */
  sample(): Promise<ReadonlyMap<string, WorkerLag>> {
    this.sampling ??= this.sampleAll().finally(() => {
      this.sampling = undefined;
    });
    return this.sampling;
  }

  private async sampleAll(): Promise<Map<string, WorkerLag>> {
    const entries = [...this.tracked];
    const outcomes = await Promise.allSettled(entries.map(({ sample }) => sample()));
    const lags = new Map<string, WorkerLag>();
    outcomes.forEach((outcome, index) => {
      if (outcome.status !== 'fulfilled' || !outcome.value) return;
      const { worker } = entries[index]!;
      const known = lags.get(worker);
      lags.set(worker, known && known.events >= outcome.value.events ? known : outcome.value);
    });
    return lags;
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
