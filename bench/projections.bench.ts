/**
 * The projections benchmark (`npm run bench:projections`): a log of the operator's demo pilot
 * grown to 1,000,000 events over 10,000 clients, then on it the store's global read, the rebuild
 * of every read model by `samenloop projections rebuild`, and the dashboard's timeline and
 * caseload over HTTP against the built hub, then again against the hub with its access log
 * recording nothing (projections-unlogged-hub.ts) for the access log's cost in throughput. Prints
 * the results and writes them to the "Projections" section of BENCHMARKS.md.
 *
 * Environment: DATABASE_URL (a server to use instead of an embedded one; the bench creates and
 * drops its own database there), BENCH_PROJECTIONS_EVENTS (1,000,000), BENCH_PROJECTIONS_CLIENTS
 * (10,000), BENCH_API_CONNECTIONS (8), BENCH_API_DURATION_S (30 per case, after 5 of warm-up),
 * BENCH_PROJECTIONS_WRITE=off (print only; BENCH_WRITE=off for every bench). Needs
 * `npm run build` (the script does it).
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import type { Pool } from 'pg';
import { serverVersion } from './bench-database';
import { openBenchRun } from './bench-run';
import { numberFromEnv, writesReport } from './bench-env';
import { runBench } from './bench-main';
import {
  caseloadCase,
  measureApi,
  timelineCase,
  type ApiCase,
  type ApiLatency,
  type ApiLoad,
} from './projections-api';
import { writeBenchLog, type FilledLog } from './projections-fill';
import { startHub, type Hub } from './projections-hub';
import { ProjectionRebuilder } from '@samenloop/read-models';
import { timeRebuildCommand } from './projections-rebuild';
import { projectionsSection } from './projections-report';
import { publishSection } from './report';
import { timeStoreRead } from './store-workload';

const ROOT = resolve(__dirname, '..', '..');
const HEADING = '## Projections (npm run bench:projections)';

const EVENTS = Math.round(numberFromEnv('BENCH_PROJECTIONS_EVENTS', 1_000_000));
const CLIENTS = Math.round(numberFromEnv('BENCH_PROJECTIONS_CLIENTS', 10_000));
const API_LOAD: ApiLoad = {
  connections: numberFromEnv('BENCH_API_CONNECTIONS', 8),
  durationS: numberFromEnv('BENCH_API_DURATION_S', 30),
  warmUpS: 5,
};
const WRITE = writesReport('BENCH_PROJECTIONS_WRITE');
/** The store's global read at the page size bench:store reads it with. */
const READ_PAGE_SIZE = 1_000;
const SEED = 20_261_124;
const MUNICIPALITY = 'gemeente-helmond';
const MENTAL_HEALTH = 'ggz-oost-brabant';

function log(line: string): void {
  console.log(`[bench:projections] ${line}`);
}

async function main(): Promise<void> {
  const run = await openBenchRun('projections', log, { pageSize: READ_PAGE_SIZE });
  const { startedAt, loadBefore, workDir, database, pool, store } = run;
  let hub: Hub | undefined;
  try {
    hub = await startHub(ROOT, database.url, workDir);
    log(`hub ready at ${hub.url} (pid ${hub.pid}); it migrated the database`);

    const filled = await writeBenchLog(
      store,
      pool,
      { clients: CLIENTS, events: EVENTS, seed: SEED },
      log,
    );

    const segment = Math.min(100_000, Math.floor(filled.events / 10));
    const read = await timeStoreRead(store, READ_PAGE_SIZE, segment);
    log(`store read: ${Math.round((read.events * 1000) / read.elapsedMs)} events/s`);
    const rebuild = await timeRebuildCommand(database.url, ProjectionRebuilder.names, log);

    const api = await measureApiCases(hub, apiCases(filled));
    await hub.stop();
    const unloggedApi = await measureWithoutAccessLog(pool, database.url, workDir, filled);
    const caseloads = await caseloadSizes(pool, [MUNICIPALITY, MENTAL_HEALTH]);

    const section = await projectionsSection({
      root: ROOT,
      startedAt,
      load: [loadBefore, loadavg()[0]!],
      server: database.server,
      serverVersion: await serverVersion(pool),
      filled,
      read,
      readPageSize: READ_PAGE_SIZE,
      rebuild,
      api,
      unloggedApi,
      apiLoad: API_LOAD,
      caseloads,
    });
    await publishSection(resolve(ROOT, 'BENCHMARKS.md'), HEADING, section, { write: WRITE, log });
  } finally {
    await hub?.stop();
    await run.close();
  }
}

/** New cases for each hub, so that each is sent the same requests in the same order. */
function apiCases(filled: FilledLog): ApiCase[] {
  return [
    timelineCase(MUNICIPALITY, filled.referencesOf(MUNICIPALITY)),
    caseloadCase(MUNICIPALITY),
    timelineCase(MENTAL_HEALTH, filled.referencesOf(MENTAL_HEALTH)),
    caseloadCase(MENTAL_HEALTH),
  ];
}

async function measureApiCases(hub: Hub, cases: readonly ApiCase[]): Promise<ApiLatency[]> {
  const measured: ApiLatency[] = [];
  for (const apiCase of cases) {
    const { load } = await measureApi(hub, apiCase, API_LOAD);
    log(
      `${apiCase.name}: ${load.rps.toFixed(0)} requests/s, p50 ${load.p50Ms} ms, ` +
        `p99 ${load.p99Ms} ms, ${JSON.stringify(load.statuses)}`,
    );
    measured.push({ case: apiCase, load });
  }
  return measured;
}

/** The same cases against the hub with the access log off, which must write no entry. */
async function measureWithoutAccessLog(
  pool: Pool,
  databaseUrl: string,
  workDir: string,
  filled: FilledLog,
): Promise<ApiLatency[]> {
  const hub = await startHub(ROOT, databaseUrl, workDir, { accessLog: false });
  try {
    log(`hub with the access log off ready at ${hub.url} (pid ${hub.pid})`);
    const before = await accessLogEntries(pool);
    const measured = await measureApiCases(hub, apiCases(filled));
    const written = (await accessLogEntries(pool)) - before;
    if (written !== 0) {
      throw new Error(`the hub with the access log off wrote ${written} access-log entries`);
    }
    return measured;
  } finally {
    await hub.stop();
  }
}

/** Guards the baseline: an override that did not take would make the access log look free. */
async function accessLogEntries(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT count(*) AS n FROM access_log');
  return Number(rows[0]!.n);
}

/** Clients each partner is involved with: the caseload its lead's page is drawn from. */
async function caseloadSizes(
  pool: Pool,
  partners: readonly string[],
): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const partner of partners) {
    const { rows } = await pool.query<{ n: string }>(
      'SELECT count(*) AS n FROM read_caseload WHERE involved @> ARRAY[$1]::text[]',
      [partner],
    );
    sizes.set(partner, Number(rows[0]!.n));
  }
  return sizes;
}

runBench('projections', main);
