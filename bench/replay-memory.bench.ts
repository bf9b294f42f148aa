/**
 * The replay memory benchmark (`npm run bench:memory`): the projections bench's log of 1,000,000
 * events, then the built hub started on it with its workers on, replaying the whole log through
 * its consumers, its resident memory sampled every second until every consumer has caught up.
 * Prints the results and writes them to the "Replay memory" section of BENCHMARKS.md.
 *
 * Environment: DATABASE_URL (a server to use instead of an embedded one; the bench creates and
 * drops its own database there), BENCH_MEMORY_EVENTS (1,000,000), BENCH_MEMORY_CLIENTS (10,000),
 * BENCH_MEMORY_WRITE=off (print only; BENCH_WRITE=off for every bench). Needs `npm run build`
 * (the script does it).
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { serverVersion } from './bench-database';
import { openBenchRun } from './bench-run';
import { numberFromEnv, writesReport } from './bench-env';
import { runBench } from './bench-main';
import { writeBenchLog } from './projections-fill';
import { startHub, type Hub } from './projections-hub';
import { replayMemorySection } from './replay-memory-report';
import { followReplay } from './replay-memory-sampler';
import { publishSection } from './report';

const ROOT = resolve(__dirname, '..', '..');
const HEADING = '## Replay memory (npm run bench:memory)';

const EVENTS = Math.round(numberFromEnv('BENCH_MEMORY_EVENTS', 1_000_000));
const CLIENTS = Math.round(numberFromEnv('BENCH_MEMORY_CLIENTS', 10_000));
const WRITE = writesReport('BENCH_MEMORY_WRITE');
const SEED = 20_261_124;

function log(line: string): void {
  console.log(`[bench:memory] ${line}`);
}

async function main(): Promise<void> {
  const run = await openBenchRun('memory', log);
  const { startedAt, loadBefore, workDir, database, pool, store } = run;
  let hub: Hub | undefined;
  try {
    // Started once without workers only to migrate the database and create the demo partners.
    const migrating = await startHub(ROOT, database.url, workDir);
    await migrating.stop();
    const filled = await writeBenchLog(
      store,
      pool,
      { clients: CLIENTS, events: EVENTS, seed: SEED },
      log,
    );

    const hubStarted = performance.now();
    hub = await startHub(ROOT, database.url, workDir, { workers: true });
    log(`hub replaying (pid ${hub.pid})`);
    const replay = await followReplay(hub, pool, hubStarted, log);
    log(`replayed in ${(replay.elapsedMs / 1000).toFixed(1)} s`);

    const section = await replayMemorySection({
      startedAt,
      load: [loadBefore, loadavg()[0]!],
      server: database.server,
      serverVersion: await serverVersion(pool),
      filled,
      replay,
    });
    await publishSection(resolve(ROOT, 'BENCHMARKS.md'), HEADING, section, { write: WRITE, log });
  } finally {
    await hub?.stop();
    await run.close();
  }
}

runBench('memory', main);
