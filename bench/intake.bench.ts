/**
 * The intake benchmark (`npm run bench:intake`), in one run on one machine and one fresh database:
 * 1. the built hub (`dist/apps/hub/src/main.js`, its own process, workers on, as operators run
 *    it) under autocannon with 50 connections posting single `contact-attempted` CloudEvents, each
 *    a new event id, round-robin over clients enrolled first; then 4 connections posting batches of
 *    500. After each load, the time the hub's workers take to catch up, and the PostgreSQL
 *    transactions per accepted event from the start of the load until then;
 * 2. raw `pg` INSERTs of equally sized rows into the same database with the same concurrency:
 *    single rows on 50 connections, 500-row statements on 4;
 * 3. a bare NestJS-on-Fastify endpoint that validates the same CloudEvent DTO without I/O
 *    (intake-bare-app.ts), under the same load as the hub's single events.
 * Prints the result tables and writes them to the "Intake" section of BENCHMARKS.md.
 *
 * Environment: DATABASE_URL (a server to use instead of an embedded one; the bench creates and drops
 * its own database there), BENCH_INTAKE_CLIENTS (5,000), BENCH_INTAKE_CONNECTIONS (50),
 * BENCH_INTAKE_BATCH_CONNECTIONS (4), BENCH_INTAKE_BATCH_SIZE (500), BENCH_INTAKE_DURATION_S (20),
 * BENCH_INTAKE_WARMUP_S (5), BENCH_INTAKE_CATCH_UP_TIMEOUT_S (120), BENCH_HUB_LOG_LEVEL (info, the
 * hub's default), BENCH_HUB_POOL_SIZE (the hub's default when unset), BENCH_INTAKE_WRITE=off
 * (print only; BENCH_WRITE=off for every bench), BENCH_HUB_NODE_ARGS (node options for the hub,
 * to profile it; nothing is written then).
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CLOUDEVENTS_MEDIA_TYPE } from '@samenloop/contracts';
import { openBenchDatabase, withClient, type BenchDatabase } from './bench-database';
import { numberFromEnv, writesReport } from './bench-env';
import { loadAtStart } from './bench-load';
import { runBench } from './bench-main';
import { runClosedLoop, type LoopResult } from './closed-loop';
import { batchCalls } from './intake-batch-load';
import { settledTransactions, transactionRate, WorkerWatch } from './intake-catch-up';
import { measured, type Phase, type Processes } from './intake-cpu';
import { autocannonVersion, runLoad, type LoadResult } from './intake-load';
import { npmStartFlags, startServer, type Server } from './intake-processes';
import {
  createRawIntakeTable,
  openRawInserters,
  rowSizes,
  rowTemplate,
  type RowTemplate,
} from './intake-raw-insert';
import { renderIntakeSection, summary, type HubCase } from './intake-report';
import { CONTACT_TYPE, contactBodies, createPartner, enrolClients } from './intake-workload';
import { describeMachine, packageVersion, publishSection } from './report';

const ROOT = resolve(__dirname, '..', '..');
const HEADING = '## Intake (npm run bench:intake)';
const HUB_SCRIPT = join(ROOT, 'dist/apps/hub/src/main.js');
const BARE_SCRIPT = join(__dirname, 'intake-bare-app.js');

const CLIENTS = Math.round(numberFromEnv('BENCH_INTAKE_CLIENTS', 5_000));
const CONNECTIONS = Math.round(numberFromEnv('BENCH_INTAKE_CONNECTIONS', 50));
const BATCH_CONNECTIONS = Math.round(numberFromEnv('BENCH_INTAKE_BATCH_CONNECTIONS', 4));
const BATCH_SIZE = Math.round(numberFromEnv('BENCH_INTAKE_BATCH_SIZE', 500));
const DURATION_S = numberFromEnv('BENCH_INTAKE_DURATION_S', 20);
const WARMUP_S = numberFromEnv('BENCH_INTAKE_WARMUP_S', 5);
const CATCH_UP_TIMEOUT_S = numberFromEnv('BENCH_INTAKE_CATCH_UP_TIMEOUT_S', 120);
const HUB_LOG_LEVEL = process.env.BENCH_HUB_LOG_LEVEL || 'info';
const HUB_POOL_SIZE = process.env.BENCH_HUB_POOL_SIZE || undefined;
/** For profiling, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles`; no figures are written then. */
const HUB_NODE_ARGS = (process.env.BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean);
const WRITE = HUB_NODE_ARGS.length === 0 && writesReport('BENCH_INTAKE_WRITE');
/** How long the work of enrolment or a warm-up may take the workers before the run gives up. */
const SETTLE_TIMEOUT_MS = 600_000;

function log(line: string): void {
  console.log(`[bench:intake] ${line}`);
}

async function main(): Promise<void> {
  const startedAt = new Date();
  const loadBefore = loadAtStart(log);
  const workDir = await mkdtemp(join(tmpdir(), 'samenloop-intake-bench-'));
  const db = await openBenchDatabase(log).catch(async (error: unknown) => {
    await rm(workDir, { recursive: true, force: true });
    throw error;
  });
  let hub: Server | undefined;
  try {
    const adminToken = randomBytes(24).toString('base64url');
    hub = await startHub(db.url, workDir, adminToken);
    log(`hub ready at ${hub.url} (pid ${hub.pid})`);
    const token = await createPartner(hub.url, adminToken);
    const references = await enrolClients(hub.url, token, CLIENTS, log);
    const watch = new WorkerWatch(hub.url);
    await watch.requireCaughtUp(SETTLE_TIMEOUT_MS);

    const processes = { server: hub.pid, postmaster: db.postmasterPid };
    const single = singleLoad(hub.url, token, contactBodies(references, 1));
    const hubSingle = await hubCase('1 event/request', db.url, watch, {
      load: single,
      processes,
      acceptedOf: (result) => result.statuses['201'] ?? 0,
      eventsPerRequest: 1,
    });
    const batch = batchCalls(
      hub.url,
      token,
      BATCH_CONNECTIONS,
      contactBodies(references, BATCH_SIZE),
    );
    const hubBatch = await hubCase(`${BATCH_SIZE} events/request`, db.url, watch, {
      load: (durationS) => runClosedLoop(batch, durationS),
      processes,
      acceptedOf: (result) => result.accepted,
      eventsPerRequest: BATCH_SIZE,
    });
    const contacts = {
      stored: await storedEvents(db.url),
      accepted: hubSingle.accepted + hubBatch.accepted,
      sent: hubSingle.sent + hubBatch.sent,
    };
    await hub.stop();
    hub = undefined;

    const template = await rowTemplate(db.url, CONTACT_TYPE);
    const raw = (table: string, rowsPerStatement: number, connections: number) =>
      rawCase(db, template, table, rowsPerStatement, connections);
    const rawSingle = await raw('raw_single', 1, CONNECTIONS);
    const rawBatch = await raw('raw_batch', BATCH_SIZE, BATCH_CONNECTIONS);

    const bare = await bareCase(workDir, single);
    const section = renderIntakeSection({
      startedAt,
      load: [loadBefore, loadavg()[0]!],
      machine: await describeMachine(),
      versions: await versions(db),
      hubSingle,
      hubBatch,
      bare,
      rawSingle,
      rawBatch,
      contacts,
      rowBytes: await rowSizes(db.url, CONTACT_TYPE, 'raw_single'),
      method: {
        clients: CLIENTS,
        connections: CONNECTIONS,
        batchConnections: BATCH_CONNECTIONS,
        batchSize: BATCH_SIZE,
        durationS: DURATION_S,
        warmupS: WARMUP_S,
        catchUpTimeoutS: CATCH_UP_TIMEOUT_S,
        hubLogLevel: HUB_LOG_LEVEL,
        ...(HUB_POOL_SIZE ? { hubPoolSize: HUB_POOL_SIZE } : {}),
      },
    });
    await publishSection(join(ROOT, 'BENCHMARKS.md'), HEADING, section, { write: WRITE, log });
  } finally {
    await hub?.stop();
    await db.drop();
    await rm(workDir, { recursive: true, force: true });
  }
}

function startHub(databaseUrl: string, workDir: string, adminToken: string): Promise<Server> {
  const key = () => randomBytes(32).toString('base64');
  return startServer({
    script: HUB_SCRIPT,
    cwd: ROOT,
    env: {
      DATABASE_URL: databaseUrl,
      DATA_DIR: join(workDir, 'hub-data'),
      LOG_LEVEL: HUB_LOG_LEVEL,
      DEMO_PARTNERS: 'off',
      // The per-caller rate limit would answer most of the load 429: the bench measures capacity.
      RATE_LIMIT_PER_SECOND: '0',
      BSN_SIGNALS_PER_MINUTE: '100000',
      SAMENLOOP_ADMIN_TOKEN: adminToken,
      SAMENLOOP_MASTER_KEY: key(),
      SAMENLOOP_BSN_HASH_KEY: key(),
      SAMENLOOP_PSEUDONYM_KEY: key(),
      ...(HUB_POOL_SIZE ? { DATABASE_POOL_SIZE: HUB_POOL_SIZE } : {}),
    },
    nodeArgs: [...npmStartFlags(ROOT), ...HUB_NODE_ARGS],
    logFile: join(workDir, 'hub.log'),
    readyPath: '/health/ready',
    ready: (status) => status === 200,
  });
}

/** Single events under autocannon, for `durationS` seconds, against the server at `url`. */
function singleLoad(url: string, token: string, body: () => string) {
  const headers = { 'content-type': CLOUDEVENTS_MEDIA_TYPE, authorization: `Bearer ${token}` };
  return (durationS: number, at = url) =>
    runLoad({ url: `${at}/v1/events`, connections: CONNECTIONS, durationS, headers, body });
}

/** A hub case: its measured phase, and the events over warm-up and phase, accepted and sent. */
type HubCaseRun = HubCase & { accepted: number; sent: number };

/**
 * Warm-up, then the measured load once the workers have caught up with the warm-up and the
 * statistics have settled; then until the workers have caught up with the load.
 */
async function hubCase<Load extends LoadResult>(
  name: string,
  databaseUrl: string,
  watch: WorkerWatch,
  run: {
    load: (durationS: number) => Promise<Load>;
    processes: Processes;
    acceptedOf: (result: Load) => number;
    eventsPerRequest: number;
  },
): Promise<HubCaseRun> {
  log(`hub, ${name}: warm-up ${WARMUP_S} s`);
  const warmUp = await run.load(WARMUP_S);
  await watch.requireCaughtUp(SETTLE_TIMEOUT_MS);
  const idleFrom = await settledTransactions(databaseUrl);
  const before = await settledTransactions(databaseUrl);
  const idleTransactionsPerS = transactionRate(idleFrom, before);
  log(`hub, ${name}: ${DURATION_S} s measured`);
  const phase = await measured(run.processes, () => run.load(DURATION_S), run.acceptedOf);
  const catchUp = await watch.untilCaughtUp(CATCH_UP_TIMEOUT_S * 1000);
  const caughtUpAt = performance.now();
  const after = await settledTransactions(databaseUrl);
  // Until the workers caught up: not the idle hub's own while the statistics settled after it.
  const transactions =
    after.count - before.count - (idleTransactionsPerS * (after.at - caughtUpAt)) / 1000;
  log(`hub, ${name}: ${summary(phase)}`);
  log(
    `hub, ${name}: workers caught up ${catchUp.ms === undefined ? `not within ${CATCH_UP_TIMEOUT_S} s` : `in ${(catchUp.ms / 1000).toFixed(1)} s`}, ` +
      `${(transactions / Math.max(1, phase.events)).toFixed(2)} transactions per event`,
  );
  return {
    ...phase,
    transactions,
    idleTransactionsPerS,
    catchUp,
    accepted: phase.events + run.acceptedOf(warmUp),
    sent: (phase.load.sent + warmUp.sent) * run.eventsPerRequest,
  };
}

async function rawCase(
  db: BenchDatabase,
  template: RowTemplate,
  table: string,
  rowsPerStatement: number,
  connections: number,
): Promise<Phase<LoopResult>> {
  await createRawIntakeTable(db.url, table);
  const inserters = await openRawInserters({
    url: db.url,
    table,
    template,
    connections,
    rowsPerStatement,
    streamsPerConnection: Math.max(1, Math.ceil(CLIENTS / connections)),
  });
  try {
    const name = `raw, ${rowsPerStatement} row(s)/statement`;
    log(`${name}: warm-up ${WARMUP_S} s, then ${DURATION_S} s with ${connections} connections`);
    await runClosedLoop(inserters.calls('warm-up'), WARMUP_S);
    const phase = await measured(
      { postmaster: db.postmasterPid },
      () => runClosedLoop(inserters.calls('measured'), DURATION_S),
      (result) => result.accepted,
    );
    if (phase.load.errors > 0) {
      throw new Error(`${name}: ${phase.load.errors} statements failed: ${phase.load.firstError}`);
    }
    log(`${name}: ${summary(phase)}`);
    return phase;
  } finally {
    await inserters.close();
  }
}

async function bareCase(
  workDir: string,
  single: (durationS: number, at?: string) => Promise<LoadResult>,
): Promise<Phase> {
  const bare = await startServer({
    script: BARE_SCRIPT,
    cwd: ROOT,
    env: {},
    logFile: join(workDir, 'bare.log'),
    readyPath: '/v1/events',
    ready: (status) => status > 0,
  });
  try {
    log(`bare endpoint ready at ${bare.url}; warm-up ${WARMUP_S} s, then ${DURATION_S} s`);
    await single(WARMUP_S, bare.url);
    const phase = await measured(
      { server: bare.pid },
      () => single(DURATION_S, bare.url),
      (r) => r.statuses['201'] ?? 0,
    );
    log(`bare: ${summary(phase)}`);
    return phase;
  } finally {
    await bare.stop();
  }
}

async function storedEvents(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ count: string }>(
      'SELECT count(*) AS count FROM events WHERE type = $1',
      [CONTACT_TYPE],
    );
    return Number(rows[0]?.count ?? 0);
  });
}

async function versions(db: BenchDatabase): Promise<string[]> {
  const settings = await withClient(db.url, async (client) => {
    const values: Record<string, string> = {};
    for (const name of ['server_version', 'fsync', 'synchronous_commit', 'shared_buffers']) {
      const { rows } = await client.query<Record<string, string>>(`SHOW ${name}`);
      values[name] = Object.values(rows[0] ?? {})[0] ?? '?';
    }
    return values;
  });
  return [
    `Node ${process.version}`,
    `PostgreSQL ${settings.server_version} (${db.server}; fsync=${settings.fsync}, ` +
      `synchronous_commit=${settings.synchronous_commit}, shared_buffers=${settings.shared_buffers})`,
    ...(await Promise.all(
      ['@nestjs/core', 'fastify', 'class-validator', 'pg'].map(
        async (name) => `${name} ${await packageVersion(ROOT, name)}`,
      ),
    )),
    `autocannon ${autocannonVersion()}`,
  ];
}

runBench('intake', main);
