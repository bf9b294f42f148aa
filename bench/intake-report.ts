/** The "Intake" section of BENCHMARKS.md: the hub beside bare NestJS and raw INSERTs. */
import { IDLE_LOAD } from './bench-load';
import { EVERY_EVENT_STORED } from './intake-batch-load';
import type { CatchUp } from './intake-catch-up';
import type { Phase } from './intake-cpu';
import type { LoadResult } from './intake-load';
import type { Machine } from './report';

export const RATIO_TARGET = 0.5;
export const P99_TARGET_MS = 50;
export const TRANSACTIONS_TARGET = 1.5;
export const CATCH_UP_TARGET_MS = 5_000;

/** A hub phase with what it cost after its answers. */
export interface HubCase<Load extends LoadResult = LoadResult> extends Phase<Load> {
  /** PostgreSQL transactions from the start of the load until the workers caught up. */
  transactions: number;
  /** The idle hub's own transactions per second, measured before the load. */
  idleTransactionsPerS: number;
  /** The workers' catch-up after the load stopped. */
  catchUp: CatchUp;
}

export interface IntakeRun {
  startedAt: Date;
  /** 1-minute load average before and after. */
  load: [number, number];
  machine: Machine;
  /** Software and server settings, in words. */
  versions: string[];
  hubSingle: HubCase;
  hubBatch: HubCase;
  bare: Phase;
  rawSingle: Phase;
  rawBatch: Phase;
  /** `contact-attempted` events over all hub phases, warm-ups included. */
  contacts: { stored: number; accepted: number; sent: number };
  /** Mean stored row size, in bytes, of the hub's `contact-attempted` rows and of the raw ones. */
  rowBytes: { events: number; raw: number };
  method: {
    clients: number;
    connections: number;
    batchConnections: number;
    batchSize: number;
    durationS: number;
    warmupS: number;
    catchUpTimeoutS: number;
    hubLogLevel: string;
    hubPoolSize?: string;
  };
}

export function whole(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function ms(value: number): string {
  return value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
}

export function eventsPerS(phase: Phase): number {
  return phase.load.durationS > 0 ? phase.events / phase.load.durationS : 0;
}

export function summary(phase: Phase): string {
  const { load } = phase;
  return (
    `${whole(eventsPerS(phase))} events/s, ${whole(load.rps)} requests/s, p50 ${ms(load.p50Ms)} ms, ` +
    `p99 ${ms(load.p99Ms)} ms, answers ${JSON.stringify(load.statuses)}, errors ${load.errors}`
  );
}

function answers(load: LoadResult): string {
  const parts = Object.entries(load.statuses).map(
    ([answer, count]) => `${whole(count)} × ${answer}`,
  );
  if (load.errors > 0) parts.push(`${whole(load.errors)} errors`);
  return parts.join(', ') || 'none';
}

function percent(share: number | undefined): string {
  return share === undefined ? '—' : `${Math.round(share * 100)} %`;
}

function cpuMs(value: number | undefined): string {
  return value === undefined ? '—' : value < 0.1 ? value.toFixed(3) : value.toFixed(2);
}

function ratio(subject: number, baseline: number): number {
  return baseline > 0 ? subject / baseline : 0;
}

function yes(met: boolean): string {
  return met ? 'yes' : '**no**';
}

function seconds(catchUp: CatchUp, timeoutS: number): string {
  return catchUp.ms === undefined
    ? `not within ${timeoutS} s`
    : `${(catchUp.ms / 1000).toFixed(1)} s`;
}

function perEvent(hubCase: HubCase): number {
  return hubCase.events > 0 ? hubCase.transactions / hubCase.events : 0;
}

function costRow(name: string, hubCase: HubCase, timeoutS: number): string {
  return (
    `| ${name} | ${whole(hubCase.transactions)} | ${whole(hubCase.events)} | ` +
    `${perEvent(hubCase).toFixed(2)} | ${seconds(hubCase.catchUp, timeoutS)} | ` +
    `${hubCase.catchUp.samples} | ${hubCase.idleTransactionsPerS.toFixed(1)} |`
  );
}

function row(name: string, phase: Phase): string {
  const { load } = phase;
  return (
    `| ${name} | ${whole(eventsPerS(phase))} | ${whole(load.rps)} | ${ms(load.p50Ms)} | ` +
    `${ms(load.p90Ms)} | ${ms(load.p99Ms)} | ${ms(load.maxMs)} | ${cpuMs(phase.serverCpuMsPerEvent)} | ` +
    `${cpuMs(phase.databaseCpuMsPerEvent)} | ${percent(phase.machineBusy)} | ${answers(load)} |`
  );
}

const TABLE_HEAD = `| Subject | Events/s | Requests/s | p50 ms | p90 ms | p99 ms | max ms | Server CPU ms/event | PostgreSQL CPU ms/event | Machine CPU busy | Answers |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |`;

export function renderIntakeSection(run: IntakeRun): string {
  const { hubSingle, hubBatch, bare, rawSingle, rawBatch, contacts, method, machine } = run;
  const storedAsAnswered = contacts.stored >= contacts.accepted && contacts.stored <= contacts.sent;
  const onlyAccepted = (phase: Phase, accepted: string) =>
    phase.load.errors === 0 && Object.keys(phase.load.statuses).every((key) => key === accepted);
  const clean =
    storedAsAnswered &&
    onlyAccepted(hubSingle, '201') &&
    onlyAccepted(hubBatch, EVERY_EVENT_STORED);
  const toBare = ratio(eventsPerS(hubSingle), eventsPerS(bare));
  const toRaw = ratio(eventsPerS(hubSingle), eventsPerS(rawSingle));
  const batchToRaw = ratio(eventsPerS(hubBatch), eventsPerS(rawBatch));
  const transactions = perEvent(hubSingle);
  const caughtUp = hubSingle.catchUp.ms !== undefined && hubSingle.catchUp.ms <= CATCH_UP_TARGET_MS;
  const timeout = method.catchUpTimeoutS;
  const batchName = `${whole(method.batchSize)} events/request, ${method.batchConnections} connections`;
  const targets: [string, string, string, boolean][] = [
    [
      `Hub events/s ≥ ${RATIO_TARGET.toFixed(2)} × bare NestJS-Fastify (1 event/request)`,
      '0.09',
      toBare.toFixed(2),
      toBare >= RATIO_TARGET && clean,
    ],
    [
      `Hub events/s ≥ ${RATIO_TARGET.toFixed(2)} × raw single-row INSERT (1 event/request)`,
      '0.08',
      toRaw.toFixed(2),
      toRaw >= RATIO_TARGET && clean,
    ],
    [
      `Hub p99 < ${P99_TARGET_MS} ms (1 event/request)`,
      '209–273 ms',
      `${ms(hubSingle.load.p99Ms)} ms`,
      hubSingle.load.p99Ms < P99_TARGET_MS && clean,
    ],
    [
      `Batch intake events/s ≥ ${RATIO_TARGET.toFixed(2)} × raw multi-row INSERT (${batchName})`,
      'not measured',
      batchToRaw.toFixed(2),
      batchToRaw >= RATIO_TARGET && clean,
    ],
    [
      `PostgreSQL transactions per accepted event, workers included, ≤ ${TRANSACTIONS_TARGET} (1 event/request)`,
      '3.7',
      transactions.toFixed(2),
      transactions <= TRANSACTIONS_TARGET && clean,
    ],
    [
      `Workers' lag back to 0 within ${CATCH_UP_TARGET_MS / 1000} s after the load (1 event/request)`,
      '—',
      seconds(hubSingle.catchUp, timeout),
      caughtUp,
    ],
  ];
  return `Run ${run.startedAt.toISOString()} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB
memory (1-minute load average ${run.load[0].toFixed(1)} before the run, ${run.load[1].toFixed(1)} after).
${run.versions.join(', ')}.

One event per request, ${method.connections} connections:

${TABLE_HEAD}
${row('Hub `POST /v1/events`, one `contact-attempted` each, workers on', hubSingle)}
${row('Bare NestJS on Fastify, same DTO, no I/O', bare)}
${row(`Raw single-row INSERT, ${method.connections} pg clients, autocommit`, rawSingle)}

${batchName} (latency per request):

${TABLE_HEAD}
${row(`Hub \`POST /v1/events\`, ${whole(method.batchSize)} \`contact-attempted\` as \`application/cloudevents-batch+json\`, workers on`, hubBatch)}
${row(`Raw multi-row INSERT, ${whole(method.batchSize)} rows per statement, ${method.batchConnections} pg clients, autocommit`, rawBatch)}

What the hub's load cost after its answers:

| Hub case | PostgreSQL transactions | Accepted events | Transactions per event, workers included | Workers' lag back to 0 after the load | Lag samples | Idle hub's transactions/s |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${costRow('1 event/request', hubSingle, timeout)}
${costRow(`${whole(method.batchSize)} events/request`, hubBatch, timeout)}

| Target | Before (issue 12) | Measured | Met? |
| --- | ---: | ---: | :---: |
${targets.map(([target, before, measured, met]) => `| ${target} | ${before} | ${measured} | ${yes(met)} |`).join('\n')}
${busyNote(run.load)}
Hub checks: ${whole(contacts.stored)} \`contact-attempted\` events stored, for ${whole(contacts.accepted)}
accepted and ${whole(contacts.sent)} sent (warm-ups included; the end of an autocannon run cuts
off the requests still open)${storedAsAnswered ? '' : ' — **not between the two**'}. Stored rows:
${whole(run.rowBytes.events)} bytes on average for the hub's \`contact-attempted\` events,
${whole(run.rowBytes.raw)} for the raw rows (\`pg_column_size\`).

How it is measured, in one run on one machine:

- Hub: the built hub (\`dist/apps/hub/src/main.js\`) in its own process, as \`npm start\` runs it
  (its node options, the heap limit among them; workers on: the read-model projections, delivery
  and audit; their CPU and PostgreSQL transactions count in the hub's figures), on a fresh database of its own
  (LOG_LEVEL=${method.hubLogLevel}, DATABASE_POOL_SIZE=${method.hubPoolSize ?? 'default'},
  RATE_LIMIT_PER_SECOND=0 so that the per-caller limit answers nothing 429; its log to a file),
  one municipality partner created through the admin API, ${whole(method.clients)} clients enrolled
  first through the batch endpoint. Every event is a \`contact-attempted\` with a new id, for the
  next client in turn, so that concurrent requests concern different clients.
- 1 event/request: autocannon in the bench process, ${method.connections} connections, keep-alive, no
  pipelining, ${method.warmupS} s of warm-up and then ${method.durationS} s measured, one
  \`application/cloudevents+json\` event per request. Batches: ${method.batchConnections} connections
  in the bench process, each posting one batch of ${whole(method.batchSize)} after the other for as
  long, every event's result checked.
- Transactions: \`xact_commit + xact_rollback\` of the hub's database in \`pg_stat_database\`, from
  the start of the measured load (after the warm-up's work was caught up) until the hub's workers
  had caught up with it, divided by the events the load got stored. Each count is read once the
  statistics have settled (11 s: PostgreSQL flushes an idle backend's within 10 s); what the idle
  hub does meanwhile after the load, at the rate measured over 11 s of idling before it, is not
  counted. Catch-up: from the end of the load until \`GET /health/ready\` first reports no lag for
  any worker it has reported (sampled every 250 ms, at most ${timeout} s; the samples' own
  queries, one per worker, count among the transactions).
- Bare: \`bench/intake-bare-app.ts\`, NestJS on Fastify in its own process, one \`POST /v1/events\`
  that parses the same media type, validates with the intake's \`validateCloudEvent\` (the
  class-validator DTOs) and answers 201 with a receipt-shaped body; no logging, guard or I/O. The
  same load as the hub's, the same bodies.
- Raw: plain \`pg\` in the bench process on the same server and database after the hub stopped,
  one client per connection (${method.connections}, or ${method.batchConnections} for the
  multi-row INSERT), autocommit, into a table \`LIKE events INCLUDING ALL\` (the store's columns,
  constraints and indexes), rows copied from the hub's last stored \`contact-attempted\` (its type,
  data and metadata; a new event id; stream ids as long as the hub's, each connection its own,
  a new revision and SHA-256 chain link each); the same warm-up and duration.
- Events/s counts stored events; a target counts as met only when every hub answer accepted every
  event and the stored events agree. CPU is user and system time over the measured load: of the
  server process, and of the embedded PostgreSQL's postmaster and backends (not known for a
  server at DATABASE_URL), per stored event; the machine's share includes the load generator.`;
}

function busyNote([before]: [number, number]): string {
  return before >= IDLE_LOAD
    ? `\n**The machine was not idle** (1-minute load average ${before.toFixed(1)} as the run started): other processes competed for the CPU, so the figures are low and the ratios less reliable than on an idle machine.\n`
    : '';
}
