/**
 * The event-store benchmark (`npm run bench:store`): the PostgreSQL event store, raw `pg` doing the
 * same work on an equally shaped table, and the peer Emmett, all in one run on one database server:
 * the append cases in one fresh database, the read case in another (the store's `events` table is
 * append-only, so a log cannot be emptied for it). Prints the result tables and writes them to the
 * "Event store" section of BENCHMARKS.md.
 *
 * Environment: DATABASE_URL (a server to use instead of an embedded one; the bench creates and drops
 * its own databases there), BENCH_LOG_EVENTS (default 1,000,000), BENCH_PEER_LOG_EVENTS (the log the
 * peer reads whole, default 100,000), BENCH_APPEND_SCALE (multiplies the number of appends),
 * BENCH_STORE_WRITE=off (print only; BENCH_WRITE=off for every bench).
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { PostgresEventStore, eventStoreMigrations } from '@samenloop/event-store';
import { runMigrations } from '@samenloop/platform';
import { openBenchDatabase, serverVersion } from './bench-database';
import { numberFromEnv, writesReport } from './bench-env';
import { loadAtStart } from './bench-load';
import { runBench } from './bench-main';
import { PeerClient } from './store-peer-client';
import { RawAppender, copyStoreLog, createRawTable, readRawPage } from './store-raw-baseline';
import { explainReads } from './store-read-diagnostics';
import {
  k,
  peerRows,
  renderPeerTable,
  resultRows,
  seconds,
  storeSection,
  type AppendCase,
  type AppendOutcome,
  type ReadOutcome,
  type Subject,
} from './store-report';
import { eventsPerSecond, publishSection, renderTable } from './report';
import {
  addReads,
  rate,
  spanRate,
  timeAppends,
  timeLogRead,
  timeStoreRead,
  type AppendSpec,
  type ReadTiming,
} from './store-workload';

const ROOT = resolve(__dirname, '..', '..');
const HEADING = '## Event store (npm run bench:store)';
const WRITE = writesReport('BENCH_STORE_WRITE');

const POOL_SIZE = 20;
/** Each append case runs in this many rounds, the subjects in alternating order. */
const ROUNDS = 4;
const APPEND_SCALE = numberFromEnv('BENCH_APPEND_SCALE', 1);
const LOG_EVENTS = numberFromEnv('BENCH_LOG_EVENTS', 1_000_000);
const PEER_LOG_EVENTS = Math.min(numberFromEnv('BENCH_PEER_LOG_EVENTS', 100_000), LOG_EVENTS);
const PAGE_SIZE = 1_000;
const FILL_EVENTS_PER_CALL = 1_000;
const FILL_WRITERS = 4;
/** Pages the peer reads at the start and at the end of a log as large as the store's. */
const PEER_SAMPLE_PAGES = 20;

/** `before`: the store's ratio to raw in issue 12's run (2026-12-07, an idle 2-core machine). */
const APPEND_CASES: AppendCase[] = [
  {
    name: '1 event/call, 1 writer',
    writers: 1,
    eventsPerCall: 1,
    calls: 6_000,
    callsPerStream: 10,
    target: 0.7,
    before: 0.61,
  },
  {
    name: '1 event/call, 16 writers',
    writers: 16,
    eventsPerCall: 1,
    calls: 6_400,
    callsPerStream: 10,
    target: 0.7,
    before: 0.38,
  },
  {
    name: '100 events/call, 1 writer',
    writers: 1,
    eventsPerCall: 100,
    calls: 600,
    callsPerStream: 5,
    target: 0.8,
    before: 0.58,
  },
  {
    name: '100 events/call, 8 writers',
    writers: 8,
    eventsPerCall: 100,
    calls: 640,
    callsPerStream: 5,
    target: 0.8,
    before: 0.58,
  },
];

const SUBJECTS: readonly Subject[] = ['store', 'raw', 'peer'];

/** The three subjects on one fresh database, each with pools of its own. */
interface Context {
  storePool: Pool;
  rawPool: Pool;
  store: PostgresEventStore;
  raw: RawAppender;
  peer: PeerClient;
  /** The peer's table of events. */
  messagesTable: string;
}

function log(line: string): void {
  console.log(`[bench:store] ${line}`);
}

/**
 * Connections stay open between phases, as in a hub under load; with the default idle timeout the
 * pools would close them, and the next phase would pay for new sessions and their first plans.
 */
function benchPool(url: string): Pool {
  const pool = new Pool({ connectionString: url, max: POOL_SIZE, idleTimeoutMillis: 0 });
  // An idle connection ended by the server (as when the database is dropped) must not crash the
  // run before it has cleaned up.
  pool.on('error', (error) => log(`pool: ${error.message}`));
  return pool;
}

/** Opens the subjects on the database at `url` (migrated for both), runs `work`, closes them. */
async function withContext<T>(url: string, work: (context: Context) => Promise<T>): Promise<T> {
  const storePool = benchPool(url);
  const rawPool = benchPool(url);
  const peer = new PeerClient();
  const store = new PostgresEventStore(storePool, { pageSize: PAGE_SIZE, log });
  try {
    await runMigrations(storePool, eventStoreMigrations);
    await createRawTable(rawPool, 'raw_events');
    const { messagesTable } = await peer.call({ op: 'init', url, poolSize: POOL_SIZE });
    const raw = new RawAppender(rawPool, 'raw_events');
    return await work({ storePool, rawPool, store, raw, peer, messagesTable });
  } finally {
    await store.close();
    await peer.close();
    await Promise.all([storePool.end(), rawPool.end()]);
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadAtStart(log);
  const database = await openBenchDatabase(log);
  try {
    const appends = await withContext(database.url, async (context) => {
      const outcomes: AppendOutcome[] = [];
      for (const [index, appendCase] of APPEND_CASES.entries()) {
        outcomes.push(await measureAppendCase(context, appendCase, index));
      }
      return outcomes;
    });
    // A log of its own: the store's events table refuses the TRUNCATE that would empty this one.
    const measured = await withContext(await database.another(), async (context) => {
      const reads = await measureReads(context);
      return {
        reads,
        diagnostics: await explainReads(
          context.storePool,
          'raw_log',
          reads.store.elapsedMs / reads.store.pages,
        ),
        serverVersion: await serverVersion(context.rawPool),
        settings: await serverSettings(context.rawPool),
      };
    });

    const rows = resultRows(appends, measured.reads, PAGE_SIZE, PEER_SAMPLE_PAGES);
    const table = renderTable(rows);
    const peerTable = renderPeerTable(peerRows(appends));
    console.log(`\n${measured.diagnostics.text}\n`);
    const section = await storeSection({
      root: ROOT,
      table,
      peerTable,
      rows,
      appends,
      ...measured,
      server: database.server,
      minutes: (performance.now() - started) / 60_000,
      load: [loadBefore, loadavg()[0]!],
      method: {
        poolSize: POOL_SIZE,
        rounds: ROUNDS,
        pageSize: PAGE_SIZE,
        fillEventsPerCall: FILL_EVENTS_PER_CALL,
        fillWriters: FILL_WRITERS,
        peerSamplePages: PEER_SAMPLE_PAGES,
      },
    });
    await publishSection(resolve(ROOT, 'BENCHMARKS.md'), HEADING, section, { write: WRITE, log });
    log(`the run took ${((performance.now() - started) / 60_000).toFixed(1)} min`);
  } finally {
    await database.drop();
  }
}

async function measureAppendCase(
  context: Context,
  appendCase: AppendCase,
  index: number,
): Promise<AppendOutcome> {
  const calls = Math.max(1, Math.round(appendCase.calls * APPEND_SCALE));
  const spec: AppendSpec = {
    writers: appendCase.writers,
    eventsPerCall: appendCase.eventsPerCall,
    callsPerStream: appendCase.callsPerStream,
    callsPerWriter: Math.max(1, Math.round(calls / appendCase.writers / ROUNDS)),
  };
  const warmUp: AppendSpec = { ...spec, callsPerWriter: Math.min(spec.callsPerWriter, 10) };
  for (const subject of SUBJECTS) await runAppends(context, subject, warmUp, `c${index}-warm`);

  const elapsedMs: Record<Subject, number> = { store: 0, raw: 0, peer: 0 };
  for (let round = 0; round < ROUNDS; round += 1) {
    await checkpoint(context.rawPool);
    for (const subject of round % 2 === 0 ? SUBJECTS : [...SUBJECTS].reverse()) {
      elapsedMs[subject] += await runAppends(context, subject, spec, `c${index}-r${round}`);
    }
  }
  const events = spec.writers * spec.callsPerWriter * spec.eventsPerCall * ROUNDS;
  log(
    `append ${appendCase.name}: ` +
      SUBJECTS.map((s) => `${s} ${eventsPerSecond(rate(events, elapsedMs[s]))}/s`).join(', '),
  );
  return { case: appendCase, events, elapsedMs };
}

function runAppends(
  context: Context,
  subject: Subject,
  spec: AppendSpec,
  tag: string,
): Promise<number> {
  switch (subject) {
    case 'store':
      return timeAppends((stream, events) => context.store.append(stream, events), spec, tag);
    case 'raw':
      return timeAppends((stream, events) => context.raw.append(stream, events), spec, tag);
    case 'peer':
      return context.peer.call({ op: 'append', spec, tag });
  }
}

async function measureReads(context: Context): Promise<ReadOutcome> {
  const { storePool, rawPool, store, peer, messagesTable } = context;
  log(`filling the store's log with ${LOG_EVENTS.toLocaleString('en-US')} events`);
  const storeFillMs = await timeAppends(
    (stream, events) => store.append(stream, events),
    {
      writers: FILL_WRITERS,
      callsPerWriter: Math.ceil(LOG_EVENTS / FILL_EVENTS_PER_CALL / FILL_WRITERS),
      eventsPerCall: FILL_EVENTS_PER_CALL,
      callsPerStream: 1,
    },
    'log',
  );
  const logEvents = await countRows(storePool, 'events');
  log(`store log of ${logEvents.toLocaleString('en-US')} filled in ${seconds(storeFillMs)}`);
  await copyStoreLog(rawPool, 'raw_log');
  await copyStoreLog(rawPool, 'raw_log_small', PEER_LOG_EVENTS);

  log(`filling the peer's log with ${PEER_LOG_EVENTS.toLocaleString('en-US')} events`);
  // One writer: Emmett reads by global position, so the transactions of concurrent writers could
  // commit out of position order and let its reader skip events of the log it reads whole.
  await peer.call({
    op: 'fillLog',
    events: PEER_LOG_EVENTS,
    eventsPerCall: FILL_EVENTS_PER_CALL,
    writers: 1,
    fresh: true,
  });
  await prepareForReads(rawPool, ['events', 'streams', 'raw_log', 'raw_log_small', messagesTable]);

  // Two rounds in opposite order, so that neither read runs first on a cold process or cache.
  const segment = Math.min(100_000, Math.floor(logEvents / 10));
  const readStore = () => timeStoreRead(store, PAGE_SIZE, segment);
  const readRaw = () =>
    timeLogRead(0, (after) => readRawPage(rawPool, 'raw_log', after, PAGE_SIZE), segment);
  const raw1 = await readRaw();
  const store1 = await readStore();
  const store2 = await readStore();
  const raw2 = await readRaw();
  const [storeRead, raw] = [addReads(store1, store2), addReads(raw1, raw2)];
  log(`read ${k(logEvents)}: store ${perSecond(storeRead)}/s, raw ${perSecond(raw)}/s`);

  const peerSegment = Math.floor(PEER_LOG_EVENTS / 10);
  const rawSmall = await timeLogRead(
    0,
    (after) => readRawPage(rawPool, 'raw_log_small', after, PAGE_SIZE),
    peerSegment,
  );
  const peerRead = await peer.call({ op: 'readLog', pageSize: PAGE_SIZE, segment: peerSegment });
  log(`read ${k(PEER_LOG_EVENTS)}: peer ${perSecond(peerRead)}/s, raw ${perSecond(rawSmall)}/s`);

  const peerSample = await samplePeerAtFullSize(context, logEvents);
  const incomplete = [
    ...[store1, store2].map((read) => ['store readAll', read.events, logEvents] as const),
    ...[raw1, raw2].map((read) => ['raw keyset read', read.events, logEvents] as const),
    ['raw keyset read (small)', rawSmall.events, PEER_LOG_EVENTS] as const,
    ['peer readMessagesBatch', peerRead.events, PEER_LOG_EVENTS] as const,
  ]
    .filter(([, read, size]) => read !== size)
    .map(([what, read, size]) => `${what} returned ${read} of ${size} events`);
  for (const problem of incomplete) log(`WARNING: ${problem}`);
  return {
    logEvents,
    segment,
    storeFillMs,
    store: storeRead,
    raw,
    peerLogEvents: PEER_LOG_EVENTS,
    peer: peerRead,
    rawSmall,
    peerSample,
    incomplete,
  };
}

/**
 * Reading the peer's whole log at the store's size would take most of the run (every page of its
 * read scans the whole log), so its log grows to that size and only pages at its start and its end
 * are read.
 */
async function samplePeerAtFullSize(
  { peer, rawPool, messagesTable }: Context,
  logEvents: number,
): Promise<ReadOutcome['peerSample']> {
  const more = logEvents - PEER_LOG_EVENTS;
  if (more > 0) {
    log(`growing the peer's log to ${logEvents.toLocaleString('en-US')} events`);
    const fillMs = await peer.call({
      op: 'fillLog',
      events: more,
      eventsPerCall: FILL_EVENTS_PER_CALL,
      writers: FILL_WRITERS,
      fresh: false,
    });
    log(`peer log grown in ${seconds(fillMs)}`);
    await prepareForReads(rawPool, [messagesTable]);
  }
  const size = await countRows(rawPool, messagesTable);
  const sample = (at: 'start' | 'end') =>
    peer.call({ op: 'sampleLog', pageSize: PAGE_SIZE, pages: PEER_SAMPLE_PAGES, at });
  const start = await sample('start');
  const end = await sample('end');
  log(
    `peer pages of a ${k(size)} log: start ${eventsPerSecond(spanRate(start))}/s, end ${eventsPerSecond(spanRate(end))}/s`,
  );
  return { logEvents: size, start, end };
}

/** Vacuumed (hint bits set, visibility map current) and analysed, then a checkpoint. */
async function prepareForReads(pool: Pool, tables: readonly string[]): Promise<void> {
  for (const table of tables) await pool.query(`VACUUM (ANALYZE) ${table}`);
  await checkpoint(pool);
}

/** Starts a phase with no checkpoint of the previous one pending; needs superuser or pg_checkpoint. */
async function checkpoint(pool: Pool): Promise<void> {
  await pool.query('CHECKPOINT').catch(() => undefined);
}

async function countRows(pool: Pool, table: string): Promise<number> {
  return Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
}

async function serverSettings(pool: Pool): Promise<string> {
  const names = ['shared_buffers', 'synchronous_commit', 'fsync', 'wal_level'];
  const { rows } = await pool.query<{ name: string; setting: string }>(
    `SELECT name, current_setting(name) AS setting FROM pg_settings WHERE name = ANY ($1)
     ORDER BY name`,
    [names],
  );
  return rows.map((row) => `${row.name}=${row.setting}`).join(', ');
}

function perSecond(timing: ReadTiming): string {
  return eventsPerSecond(rate(timing.events, timing.elapsedMs));
}

runBench('store', main);
