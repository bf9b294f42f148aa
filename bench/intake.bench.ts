/**
 * The intake benchmark (`npm run bench:intake`): the built hub (`dist/apps/hub/src/main.js`, its own
 * process, as operators run it) on a fresh PostgreSQL database, under autocannon with 50
 * connections posting single `contact-attempted` CloudEvents, each a new event id, round-robin over
 * clients enrolled first; then, in the same run, a bare NestJS-on-Fastify endpoint that validates
 * the same CloudEvent DTO without I/O (intake.bare-app.ts). Prints the result table and writes it to
 * the "Intake" section of BENCHMARKS.md.
 *
 * Environment: DATABASE_URL (a server to use instead of an embedded one; the bench creates and drops
 * its own database there), BENCH_INTAKE_CLIENTS (5,000), BENCH_INTAKE_CONNECTIONS (50),
 * BENCH_INTAKE_DURATION_S (20), BENCH_INTAKE_WARMUP_S (5), BENCH_HUB_LOG_LEVEL (info, the hub's
 * default), BENCH_HUB_POOL_SIZE (the hub's default when unset), BENCH_INTAKE_WRITE=off (print only),
 * BENCH_HUB_NODE_ARGS (node options for the hub, to profile it).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CLOUDEVENTS_BATCH_MEDIA_TYPE, CLOUDEVENTS_MEDIA_TYPE, sourceOf } from '@samenloop/intake';
import { numberFromEnv } from './bench-env';
import { openIntakeBenchDatabase, withClient } from './intake.database';
import { autocannonVersion, runLoad, type LoadResult } from './intake.load';
import { startServer, type Server } from './intake.processes';
import {
  TICKS_PER_SECOND,
  machineTicks,
  ms,
  processTicks,
  ticksBetween,
  treeTicks,
  whole,
  writeIntakeSection,
  type MachineTicks,
} from './intake.report';
import { describeMachine, packageVersion } from './report';

const ROOT = resolve(__dirname, '..', '..');
const HEADING = '## Intake (npm run bench:intake)';
const HUB_SCRIPT = join(ROOT, 'dist/apps/hub/src/main.js');
const BARE_SCRIPT = join(__dirname, 'intake.bare-app.js');

const CLIENTS = numberFromEnv('BENCH_INTAKE_CLIENTS', 5_000);
const CONNECTIONS = numberFromEnv('BENCH_INTAKE_CONNECTIONS', 50);
const DURATION_S = numberFromEnv('BENCH_INTAKE_DURATION_S', 20);
const WARMUP_S = numberFromEnv('BENCH_INTAKE_WARMUP_S', 5);
const HUB_LOG_LEVEL = process.env.BENCH_HUB_LOG_LEVEL || 'info';
const HUB_POOL_SIZE = process.env.BENCH_HUB_POOL_SIZE || undefined;
/** For profiling, e.g. `--cpu-prof --cpu-prof-dir=/tmp/profiles`; no figures are written then. */
const HUB_NODE_ARGS = (process.env.BENCH_HUB_NODE_ARGS ?? '').split(' ').filter(Boolean);
const WRITE = HUB_NODE_ARGS.length === 0 && process.env.BENCH_INTAKE_WRITE !== 'off';

const RATIO_TARGET = 0.5;
const P99_TARGET_MS = 50;
const ENROL_BATCH = 500;
const ENROL_BATCHES_AT_ONCE = 2;
const PARTNER_ID = 'bench-gemeente';
const CONTACT_TYPE = 'nl.samenloop.contact-attempted.v1';

interface Phase {
  load: LoadResult;
  /** CPU of the server process per response, in ms. */
  serverCpuMsPerResponse?: number;
  /** CPU of the embedded PostgreSQL per response, in ms. */
  databaseCpuMsPerResponse?: number;
  /** Share of the machine's CPU in use during the load, 0..1. */
  machineBusy?: number;
}

interface HubFigures extends Phase {
  /** PostgreSQL transactions (commits and rollbacks) per stored event. */
  transactionsPerEvent: number;
  storedEvents: number;
}

async function main(): Promise<void> {
  const log = (line: string) => console.log(`[bench:intake] ${line}`);
  const startedAt = new Date();
  const loadBefore = loadavg()[0]!;
  const workDir = await mkdtemp(join(tmpdir(), 'samenloop-intake-bench-'));
  const db = await openIntakeBenchDatabase(log);
  let hub: Server | undefined;
  let bare: Server | undefined;
  try {
    const adminToken = randomBytes(24).toString('base64url');
    const key = () => randomBytes(32).toString('base64');
    hub = await startServer({
      script: HUB_SCRIPT,
      cwd: ROOT,
      env: {
        DATABASE_URL: db.url,
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
      nodeArgs: HUB_NODE_ARGS,
      logFile: join(workDir, 'hub.log'),
      readyPath: '/health/ready',
      ready: (status) => status === 200,
    });
    log(`hub ready at ${hub.url} (pid ${hub.pid})`);

    const token = await createPartner(hub.url, adminToken);
    const references = await enrolClients(hub.url, token, log);

    const source = sourceOf(PARTNER_ID);
    let next = 0;
    const body = () => contactAttempted(source, references[next++ % references.length]!);
    const headers = {
      'content-type': CLOUDEVENTS_MEDIA_TYPE,
      authorization: `Bearer ${token}`,
    };

    log(`hub: warm-up ${WARMUP_S} s`);
    const warmup = await runLoad({
      url: `${hub.url}/v1/events`,
      connections: CONNECTIONS,
      durationS: WARMUP_S,
      headers,
      body,
    });
    log(`hub: ${DURATION_S} s with ${CONNECTIONS} connections`);
    const transactionsBefore = await transactions(db.url);
    const hubPhase = await measured(
      hub.pid,
      () =>
        runLoad({
          url: `${hub!.url}/v1/events`,
          connections: CONNECTIONS,
          durationS: DURATION_S,
          headers,
          body,
        }),
      db.postmasterPid,
    );
    await sleep(1_500); // backends report their statistics at most once a second
    const transactionsAfter = await transactions(db.url);
    const created = hubPhase.load.statuses['201'] ?? 0;
    const hubFigures: HubFigures = {
      ...hubPhase,
      transactionsPerEvent: created > 0 ? (transactionsAfter - transactionsBefore) / created : 0,
      storedEvents: await storedContactEvents(db.url),
    };
    const contacts = {
      answered: created + (warmup.statuses['201'] ?? 0),
      sent: hubPhase.load.sent + warmup.sent,
    };
    log(`hub: ${summary(hubFigures.load)}`);
    await hub.stop();
    hub = undefined;

    bare = await startServer({
      script: BARE_SCRIPT,
      cwd: ROOT,
      env: {},
      logFile: join(workDir, 'bare.log'),
      readyPath: '/v1/events',
      ready: (status) => status > 0,
    });
    log(`bare endpoint ready at ${bare.url}`);
    log(`bare: warm-up ${WARMUP_S} s`);
    await runLoad({
      url: `${bare.url}/v1/events`,
      connections: CONNECTIONS,
      durationS: WARMUP_S,
      headers,
      body,
    });
    log(`bare: ${DURATION_S} s with ${CONNECTIONS} connections`);
    const barePhase = await measured(bare.pid, () =>
      runLoad({
        url: `${bare!.url}/v1/events`,
        connections: CONNECTIONS,
        durationS: DURATION_S,
        headers,
        body,
      }),
    );
    log(`bare: ${summary(barePhase.load)}`);
    await bare.stop();
    bare = undefined;

    const settings = await serverSettings(db.url);
    const text = await report({
      startedAt,
      loadBefore,
      hub: hubFigures,
      bare: barePhase,
      contacts,
      server: db.server,
      settings,
    });
    console.log(`\n${HEADING}\n\n${text}`);
    if (WRITE) {
      await writeIntakeSection(join(ROOT, 'BENCHMARKS.md'), HEADING, text);
      log('BENCHMARKS.md updated');
    }
  } finally {
    await hub?.stop();
    await bare?.stop();
    await db.drop();
    await rm(workDir, { recursive: true, force: true });
  }
}

async function createPartner(url: string, adminToken: string): Promise<string> {
  const response = await fetch(`${url}/v1/admin/partners`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ id: PARTNER_ID, kind: 'municipality', name: 'Bench municipality' }),
  });
  if (response.status !== 201) {
    throw new Error(`creating the partner: ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { token: string }).token;
}

/** Enrols CLIENTS clients through the batch endpoint; returns the partner's references. */
async function enrolClients(
  url: string,
  token: string,
  log: (line: string) => void,
): Promise<string[]> {
  const started = Date.now();
  const source = sourceOf(PARTNER_ID);
  const references = Array.from({ length: CLIENTS }, (_, index) => `GM-BENCH-${index}`);
  const batches: string[][] = [];
  for (let at = 0; at < references.length; at += ENROL_BATCH) {
    batches.push(references.slice(at, at + ENROL_BATCH));
  }
  let bsnSeed = 10_000_000;
  const enrolment = (reference: string) => {
    const [bsn, seed] = nextBsn(bsnSeed);
    bsnSeed = seed;
    return event(source, 'nl.samenloop.client-enrolled.v1', reference, {
      municipality: 'GM0794',
      profile: 'social-activation',
      startRung: 1,
      person: { givenName: 'Anna', familyName: 'de Vries', birthDate: '1975-04-30', bsn },
    });
  };
  const queue = batches.map((batch) => `[${batch.map(enrolment).join(',')}]`);
  const worker = async () => {
    for (let body = queue.shift(); body !== undefined; body = queue.shift()) {
      const response = await fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': CLOUDEVENTS_BATCH_MEDIA_TYPE, authorization: `Bearer ${token}` },
        body,
      });
      const answer = (await response.json()) as { results?: { status: number }[] };
      const refused = (answer.results ?? []).filter(({ status }) => status !== 201);
      if (response.status !== 200 || refused.length > 0) {
        throw new Error(`enrolment failed: ${response.status} ${JSON.stringify(answer)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: ENROL_BATCHES_AT_ONCE }, worker));
  log(`enrolled ${whole(CLIENTS)} clients in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return references;
}

/** The next nine-digit BSN passing the eleven test, from a counter: distinct by construction. */
function nextBsn(seed: number): [string, number] {
  for (let value = seed; ; value += 1) {
    const digits = String(value).padStart(8, '0').split('').map(Number);
    const check = digits.reduce((sum, digit, index) => sum + digit * (9 - index), 0) % 11;
    if (check < 10) return [`${digits.join('')}${check}`, value + 1];
  }
}

function event(source: string, type: string, subject: string, data: object): string {
  return JSON.stringify({
    specversion: '1.0',
    id: randomUUID(),
    source,
    type,
    subject,
    time: new Date(Date.now() - 60_000).toISOString(),
    actor: 'emp-1234',
    datacontenttype: 'application/json',
    data,
  });
}

function contactAttempted(source: string, subject: string): string {
  return event(source, CONTACT_TYPE, subject, { channel: 'phone', outcome: 'no-answer' });
}

/** Runs the load while counting the server's and the machine's CPU. */
async function measured(
  pid: number,
  load: () => Promise<LoadResult>,
  postmasterPid?: number,
): Promise<Phase> {
  const serverBefore = await processTicks(pid);
  const databaseBefore = postmasterPid ? await treeTicks(postmasterPid) : undefined;
  const machineBefore = await machineTicks();
  const result = await load();
  const serverAfter = await processTicks(pid);
  const databaseAfter = postmasterPid ? await treeTicks(postmasterPid) : undefined;
  const machineAfter = await machineTicks();
  const perResponse = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND / result.responses;
  return {
    load: result,
    ...(databaseBefore && databaseAfter && result.responses > 0
      ? { databaseCpuMsPerResponse: perResponse(ticksBetween(databaseBefore, databaseAfter)) }
      : {}),
    ...(serverBefore !== undefined && serverAfter !== undefined && result.responses > 0
      ? {
          serverCpuMsPerResponse: perResponse(serverAfter - serverBefore),
        }
      : {}),
    ...(machineBefore && machineAfter
      ? { machineBusy: busyShare(machineBefore, machineAfter) }
      : {}),
  };
}

function busyShare(before: MachineTicks, after: MachineTicks): number {
  const total = after.total - before.total;
  return total > 0 ? (after.busy - before.busy) / total : 0;
}

async function transactions(url: string): Promise<number> {
  return withClient(url, async (client) => {
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ count: string }>(
      `SELECT xact_commit + xact_rollback AS count FROM pg_stat_database
       WHERE datname = current_database()`,
    );
    return Number(rows[0]?.count ?? 0);
  });
}

async function storedContactEvents(url: string): Promise<number> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ count: string }>(
      'SELECT count(*) AS count FROM events WHERE type = $1',
      [CONTACT_TYPE],
    );
    return Number(rows[0]?.count ?? 0);
  });
}

async function serverSettings(url: string): Promise<Record<string, string>> {
  return withClient(url, async (client) => {
    const settings: Record<string, string> = {};
    for (const name of ['server_version', 'fsync', 'synchronous_commit', 'shared_buffers']) {
      const { rows } = await client.query<Record<string, string>>(`SHOW ${name}`);
      settings[name] = Object.values(rows[0] ?? {})[0] ?? '?';
    }
    return settings;
  });
}

function summary(load: LoadResult): string {
  return (
    `${whole(load.rps)} req/s, p50 ${ms(load.p50Ms)} ms, p99 ${ms(load.p99Ms)} ms, ` +
    `statuses ${JSON.stringify(load.statuses)}, errors ${load.errors}`
  );
}

function statuses(load: LoadResult): string {
  const parts = Object.entries(load.statuses).map(
    ([status, count]) => `${whole(count)} × ${status}`,
  );
  if (load.errors > 0) parts.push(`${whole(load.errors)} errors`);
  return parts.join(', ') || 'none';
}

function percent(share: number | undefined): string {
  return share === undefined ? '—' : `${Math.round(share * 100)} %`;
}

function cpuMs(value: number | undefined): string {
  return value === undefined ? '—' : value.toFixed(2);
}

async function report(input: {
  startedAt: Date;
  loadBefore: number;
  hub: HubFigures;
  bare: Phase;
  /** `contact-attempted` requests over warm-up and run: answered 201, and sent. */
  contacts: { answered: number; sent: number };
  server: 'embedded' | 'DATABASE_URL';
  settings: Record<string, string>;
}): Promise<string> {
  const { hub, bare, settings, contacts } = input;
  const storedAsAnswered =
    hub.storedEvents >= contacts.answered && hub.storedEvents <= contacts.sent;
  const machine = await describeMachine();
  const ratio = bare.load.rps > 0 ? hub.load.rps / bare.load.rps : 0;
  const clean =
    storedAsAnswered &&
    hub.load.errors === 0 &&
    Object.keys(hub.load.statuses).every((status) => status === '201');
  const ratioMet = ratio >= RATIO_TARGET && clean;
  const p99Met = hub.load.p99Ms < P99_TARGET_MS && clean;
  const versions = [
    `Node ${process.version}`,
    `PostgreSQL ${settings.server_version} (${input.server === 'embedded' ? 'embedded' : 'DATABASE_URL'}; ` +
      `fsync=${settings.fsync}, synchronous_commit=${settings.synchronous_commit}, ` +
      `shared_buffers=${settings.shared_buffers})`,
    `@nestjs/core ${await packageVersion(ROOT, '@nestjs/core')}`,
    `fastify ${await packageVersion(ROOT, 'fastify')}`,
    `class-validator ${await packageVersion(ROOT, 'class-validator')}`,
    `pg ${await packageVersion(ROOT, 'pg')}`,
    `autocannon ${autocannonVersion()}`,
  ];
  const row = (name: string, phase: Phase) =>
    `| ${name} | ${whole(phase.load.rps)} | ${ms(phase.load.p50Ms)} | ${ms(phase.load.p90Ms)} | ` +
    `${ms(phase.load.p99Ms)} | ${ms(phase.load.maxMs)} | ${cpuMs(phase.serverCpuMsPerResponse)} | ` +
    `${cpuMs(phase.databaseCpuMsPerResponse)} | ` +
    `${percent(phase.machineBusy)} | ${statuses(phase.load)} |`;
  const yes = (met: boolean) => (met ? 'yes' : '**no**');
  return `Run ${input.startedAt.toISOString()} on ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB
memory (1-minute load average ${input.loadBefore.toFixed(1)} before the run, ${loadavg()[0]!.toFixed(1)} after).
${versions.join(', ')}.

| Endpoint | Requests/s | p50 ms | p90 ms | p99 ms | max ms | Server CPU ms/request | PostgreSQL CPU ms/request | Machine CPU busy | Answers |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${row('Hub `POST /v1/events`, one `contact-attempted` each', hub)}
${row('Bare NestJS on Fastify, same DTO, no I/O', bare)}

| Target | Measured | Met? |
| --- | ---: | :---: |
| Hub requests/s ≥ ${RATIO_TARGET.toFixed(2)} × bare | ${ratio.toFixed(2)} | ${yes(ratioMet)} |
| Hub p99 < ${P99_TARGET_MS} ms | ${ms(hub.load.p99Ms)} ms | ${yes(p99Met)} |

Hub checks: ${whole(hub.storedEvents)} \`contact-attempted\` events stored, for ${whole(contacts.answered)}
answered 201 and ${whole(contacts.sent)} sent (warm-up included; the run's end cuts off the
requests still open)${storedAsAnswered ? '' : ' — **not between the two**'};
${hub.transactionsPerEvent.toFixed(1)} PostgreSQL transactions per event.

How it is measured, in one run on one machine:

- Hub: the built hub (\`dist/apps/hub/src/main.js\`) in its own process, on a fresh database of its
  own (LOG_LEVEL=${HUB_LOG_LEVEL}, DATABASE_POOL_SIZE=${HUB_POOL_SIZE ?? 'default'},
  RATE_LIMIT_PER_SECOND=0 so that the per-caller limit answers nothing 429; its log to a file), one
  municipality partner created through the admin API, ${whole(CLIENTS)} clients enrolled first
  through the batch endpoint. The hub runs as \`apps/hub\` composes it, its in-process workers
  (read-model projections, delivery, audit) included: their CPU and their PostgreSQL
  transactions count in the hub's figures.
- Load: autocannon in the bench process, ${CONNECTIONS} connections, keep-alive, no pipelining,
  ${WARMUP_S} s of warm-up and then ${DURATION_S} s measured. Each request is one
  \`application/cloudevents+json\` \`contact-attempted\` event with a new id, for the next client
  in turn, so that concurrent requests concern different clients.
- Bare: \`bench/intake.bare-app.ts\`, NestJS 12 on Fastify in its own process, one
  \`POST /v1/events\` that parses the same media type, validates with the intake's
  \`validateCloudEvent\` (the class-validator DTOs) and answers 201 with a receipt-shaped body; no
  logging, guard or I/O. Same load, same bodies.
- Requests/s counts every answer; a target counts as met only when every hub answer was 201.
  CPU is user and system time over the measured run: of the server process, and of the embedded
  PostgreSQL's postmaster and backends (not known for a server at DATABASE_URL); the machine's
  share includes autocannon and anything else running.`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
