/**
 * Follows a hub replaying the log: once a second, the process's resident memory (VmRSS in
 * /proc/<pid>/status) and how far its consumers are (the hub's lag per worker, and the
 * checkpoints in consumer_checkpoints against the log's last position), until no worker lags.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import { workerLagOf } from './replay-memory-lag';

export interface ReplaySample {
  /** Since the hub's process started. */
  atMs: number;
  rssMiB: number;
  /**
   * The share of the replay's work done, 0 to 1: the consumers' mean share of the log (1 for one
   * that no longer lags, else its checkpoint's). The slowest alone would put every mark at the end
   * when it outruns the others once they are done.
   */
  progress: number;
}

export interface Replay {
  samples: ReplaySample[];
  /** Until the last consumer reached the log's end. */
  elapsedMs: number;
  lastPosition: number;
  consumers: string[];
}

const INTERVAL_MS = 1_000;
/** A worker's lag sample may time out and be left out: caught up this many samples in a row. */
const SETTLED_SAMPLES = 5;

export async function followReplay(
  hub: { pid: number; url: string },
  pool: Pool,
  startedAt: number,
  log: (line: string) => void,
): Promise<Replay> {
  const lastPosition = await maxPosition(pool);
  const samples: ReplaySample[] = [];
  const consumers = new Set<string>();
  let settled = 0;
  for (;;) {
    const rssMiB = await residentMiB(hub.pid);
    // A hub too busy to answer leaves every worker counted as lagging for that sample.
    const lag = await workerLagOf(hub.url).catch(() => new Map<string, number>());
    const checkpoints = await checkpointsOf(pool);
    for (const worker of lag.keys()) consumers.add(worker);
    const shares = [...consumers].map((worker) =>
      (lag.get(worker) ?? 1) > 0 ? Math.min(1, (checkpoints.get(worker) ?? 0) / lastPosition) : 1,
    );
    const progress =
      shares.length === 0 ? 0 : shares.reduce((sum, share) => sum + share, 0) / shares.length;
    samples.push({ atMs: performance.now() - startedAt, rssMiB, progress });
    settled = progress >= 1 ? settled + 1 : 0;
    if (samples.length % 30 === 0) {
      log(`${(progress * 100).toFixed(1)}% replayed, RSS ${rssMiB.toFixed(0)} MiB`);
    }
    if (progress >= 1 && settled >= SETTLED_SAMPLES) {
      // The first sample of the end that stayed reached (a consumer may have come in late).
      let end = samples.length - 1;
      while (end > 0 && samples[end - 1]!.progress >= 1) end -= 1;
      return {
        samples: samples.slice(0, end + 1),
        elapsedMs: samples[end]!.atMs,
        lastPosition,
        consumers: [...consumers].sort(),
      };
    }
    await sleep(INTERVAL_MS);
  }
}

async function residentMiB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (!kib) throw new Error(`no VmRSS for process ${pid}`);
  return Number(kib) / 1024;
}

async function maxPosition(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ last: string | null }>(
    'SELECT max(position) AS last FROM events',
  );
  return Number(rows[0]!.last ?? 0);
}

async function checkpointsOf(pool: Pool): Promise<Map<string, number>> {
  const { rows } = await pool.query<{ name: string; position: string }>(
    'SELECT name, position FROM consumer_checkpoints',
  );
  return new Map(rows.map(({ name, position }) => [name, Number(position)]));
}
