/**
 * What a load costs the hub beyond its answers: how long its workers take to catch up after it
 * (their lag, as the hub reports it, back to 0), and the PostgreSQL transactions its database
 * committed or rolled back from the start of the load until then, the workers' included.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { withClient } from './bench-database';
import { workerLagOf } from './replay-memory-lag';

/**
 * A busy backend reports its statistics at most once a second, and one that has gone idle with some
 * still pending reports them within PostgreSQL's PGSTAT_IDLE_INTERVAL (10 s): a counter read any
 * sooner after a load may miss the end of it.
 */
const STATS_SETTLE_MS = 11_000;
/** Each sample costs the hub one query per worker, counted with the load's transactions. */
const LAG_INTERVAL_MS = 250;

export interface CatchUp {
  /** From the call to the first sample without lag; undefined when that did not come in time. */
  ms?: number;
  /** Lag samples taken meanwhile. */
  samples: number;
}

/** Follows the lag of the workers of one hub, as its `GET /health/ready` reports it. */
export class WorkerWatch {
  /** Every worker any sample has named: one missing from a later sample has not caught up. */
  private readonly known = new Set<string>();

  constructor(private readonly hubUrl: string) {}

  /** Waits until no worker lags, for at most `timeoutMs`. */
  async untilCaughtUp(timeoutMs: number): Promise<CatchUp> {
    const started = performance.now();
    let samples = 0;
    for (;;) {
      samples += 1;
      if (await this.caughtUp()) return { ms: performance.now() - started, samples };
      if (performance.now() - started > timeoutMs) return { samples };
      await sleep(LAG_INTERVAL_MS);
    }
  }

  /** Waits until no worker lags; throws when that takes more than `timeoutMs`. */
  async requireCaughtUp(timeoutMs: number): Promise<void> {
    const { ms } = await this.untilCaughtUp(timeoutMs);
    if (ms === undefined) {
      throw new Error(`the hub's workers did not catch up within ${timeoutMs / 1000} s`);
    }
  }

  private async caughtUp(): Promise<boolean> {
    // A hub too busy to answer, or a worker's sample that timed out, is not caught up.
    const lag = await workerLagOf(this.hubUrl).catch(() => undefined);
    if (!lag) return false;
    for (const worker of lag.keys()) this.known.add(worker);
    return this.known.size > 0 && [...this.known].every((worker) => lag.get(worker) === 0);
  }
}

/** Commits and rollbacks of a database up to a moment. */
export interface TransactionCount {
  count: number;
  /** When it was read (performance.now()). */
  at: number;
}

/** Commits and rollbacks of the database so far, once the counters have settled. */
export async function settledTransactions(url: string): Promise<TransactionCount> {
  await sleep(STATS_SETTLE_MS);
  const count = await withClient(url, async (client) => {
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ count: string }>(
      `SELECT xact_commit + xact_rollback AS count FROM pg_stat_database
       WHERE datname = current_database()`,
    );
    return Number(rows[0]?.count ?? 0);
  });
  return { count, at: performance.now() };
}

/** Transactions per second between two counts. */
export function transactionRate(from: TransactionCount, to: TransactionCount): number {
  return to.at > from.at ? ((to.count - from.count) * 1000) / (to.at - from.at) : 0;
}
