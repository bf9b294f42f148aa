import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Sealer, type ClientPerson } from '@samenloop/audit';
import { KeyVault, REDACTED } from '@samenloop/privacy';
import { clientStream } from '@samenloop/domain';
import { IntakeModule, intakeMigrations } from '@samenloop/intake';
import { BsnIndex } from '@samenloop/sharing';
import { AppConfig } from '@samenloop/platform';
import { readModelsMigrations } from '@samenloop/read-models';
import { cloudEvent, validBsn } from '@samenloop/testing';
import { auditBehindSignIn, sessionHeaders } from './support/auditor-session';
import { hubShellEnv, runCli } from './support/cli-run';
import { publish } from './support/cloud-events';
import { HubHarness, type HubResponse, type TestPartner } from './support/hub-harness';
import { outcome } from './support/problems';

const migrations = [...intakeMigrations, ...readModelsMigrations];

/** A person no other test uses, so that finding any of it in the database means this client. */
function uniquePerson(): Required<ClientPerson> {
  const tag = randomBytes(4).toString('hex');
  return {
    givenName: `Zerlinde${tag}`,
    familyName: `Oudewater${tag}`,
    birthDate: `19${10 + (parseInt(tag, 16) % 80)}-0${1 + (parseInt(tag, 16) % 9)}-17`,
    bsn: validBsn(),
  };
}

async function enrol(hub: HubHarness, municipality: TestPartner, person: ClientPerson) {
  const subject = `GM-${randomUUID()}`;
  const response = await publish(
    hub,
    municipality,
    cloudEvent(municipality, 'client-enrolled', subject, {
      municipality: 'GM0794',
      profile: 'social-activation',
      person,
    }),
  );
  expect(response.status).toBe(201);
  return { subject, clientId: (await hub.clientOf(municipality, subject))! };
}

/** Every row of every table, as text, that mentions any of `needles`. */
async function rowsMentioning(hub: HubHarness, needles: readonly string[]): Promise<string[]> {
  const { rows: tables } = await hub.db.pool.query<{ schema: string; name: string }>(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')`,
  );
  expect(tables.map((table) => table.name)).toEqual(
    expect.arrayContaining(['events', 'client_keys', 'access_log', 'intake_receipts']),
  );
  const found: string[] = [];
  for (const { schema, name } of tables) {
    const { rows } = await hub.db.pool.query<{ row: string }>(
      `SELECT t::text AS row FROM "${schema}"."${name}" t`,
    );
    for (const { row } of rows) {
      if (needles.some((needle) => row.toLowerCase().includes(needle.toLowerCase()))) {
        found.push(`${name}: ${row}`);
      }
    }
  }
  return found;
}

describe('erasure', () => {
  const sealKey = generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  let hub: HubHarness;
  let gemeente: TestPartner;
  let ggz: TestPartner;
  let admin: string;
  let auditor: Record<string, string>;
  let dataDir: string;

  beforeAll(async () => {
    hub = await HubHarness.start({
      imports: [IntakeModule, auditBehindSignIn({ sealKey })],
      migrations,
    });
    gemeente = await hub.partner('municipality', 'gemeente');
    ggz = await hub.partner('mental-health', 'ggz');
    admin = hub.app.get(AppConfig).SAMENLOOP_ADMIN_TOKEN!;
    auditor = await sessionHeaders(hub, 'auditor');
    dataDir = await mkdtemp(join(tmpdir(), 'samenloop-erasure-'));
  });
  afterAll(async () => {
    await hub?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const erase = (ref: string, body: object, token = admin) =>
    hub.post(`/v1/admin/clients/${encodeURIComponent(ref)}/erase`, body, { token });
  // Tests read whatever the hub answered; assertions give it its shape.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const auditorGet = async (path: string): Promise<any> =>
    (await fetch(`${hub.url}${path}`, { headers: auditor })).json();

  const cli = (...args: string[]) =>
    runCli(['audit', '--user', 'privacy-officer', ...args], hubShellEnv(hub, dataDir, sealKey));

  it('is for the administrator, with a reason', async () => {
    const client = await enrol(hub, gemeente, uniquePerson());
    expect(outcome(await erase(client.clientId, { reason: 'x' }, gemeente.token))).toBe(
      '401 unauthorized',
    );
    expect(outcome(await erase(client.clientId, {}))).toBe('400 validation-failed');
    expect(outcome(await erase(randomUUID(), { reason: 'x' }))).toBe('404 unknown-client');
  });

  it('leaves no personal data of the client that can be read anywhere', async () => {
    const person = uniquePerson();
    const client = await enrol(hub, gemeente, person);
    // GGZ is matched on the BSN, and so involved: the hash index knows the client.
    const signal = cloudEvent(ggz, 'involvement-signalled', `GGZ-${randomUUID()}`, {
      bsn: person.bsn,
    });
    expect((await publish(hub, ggz, signal)).status).toBe(201);
    // Free text about the client is personal data too: it is sealed with the same key.
    const notes = `Talked at the kitchen table about the debts of ${person.givenName}`;
    const visit = cloudEvent(gemeente, 'visit-held', client.subject, {
      location: 'home',
      lifeAreasDiscussed: ['finances'],
      notes,
    });
    expect((await publish(hub, gemeente, visit)).status).toBe(201);
    // The keyed BSN hash lives in the index only, never in the immutable log.
    const bsnHash = hub.app.get(BsnIndex).hash(person.bsn);
    expect(await rowsMentioning(hub, [bsnHash])).toEqual([
      expect.stringMatching(/^client_bsn_hashes: /),
    ]);
    const before = await auditorGet(`/v1/audit/clients/${client.clientId}/export`);
    expect(before.client.person).toEqual(person);
    expect(before.events.at(-1).data).toMatchObject({ notes });

    const response = await erase(`${gemeente.id}:${client.subject}`, {
      reason: 'request of the data subject (AVG art. 17)',
      actor: 'privacy-officer-1',
    });

    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      clientId: client.clientId,
      position: expect.any(Number),
      erasedAt: expect.any(String),
      alreadyErased: false,
    });
    const stream = await hub.readStream(clientStream(client.clientId));
    expect(stream.at(-1)).toMatchObject({
      type: 'nl.samenloop.client-erased.v1',
      position: response.body.position,
      data: { reason: 'request of the data subject (AVG art. 17)' },
      metadata: {
        partnerId: 'admin',
        actor: 'privacy-officer-1',
        recordedAt: response.body.erasedAt,
      },
    });

    // Nowhere in the database in clear...
    expect(
      await rowsMentioning(hub, [
        person.givenName,
        person.familyName,
        person.birthDate,
        person.bsn,
        bsnHash,
        notes,
      ]),
    ).toEqual([]);
    // ...and no longer to be decrypted: the key is gone, so is the BSN hash that matched signals.
    const keys = await hub.db.pool.query(
      'SELECT wrapped_key FROM client_keys WHERE client_id = $1',
      [client.clientId],
    );
    expect(keys.rows).toEqual([{ wrapped_key: null }]);
    const enrolment = stream[0]!.data as { person: { sealed: string } };
    expect(await hub.app.get(KeyVault).decrypt(client.clientId, enrolment.person.sealed)).toEqual(
      REDACTED,
    );
    const again = cloudEvent(ggz, 'involvement-signalled', `GGZ-${randomUUID()}`, {
      bsn: person.bsn,
    });
    expect(outcome(await publish(hub, ggz, again))).toBe('404 unknown-client');

    // Replay and export keep working, with redaction markers.
    const after = await auditorGet(`/v1/audit/clients/${client.clientId}/export`);
    expect(after.client).toMatchObject({ status: 'erased', person: REDACTED });
    expect(after.events[0].data.person).toEqual(REDACTED);
    expect(
      after.events.find((e: { type: string }) => e.type === 'nl.samenloop.visit-held.v1').data,
    ).toMatchObject({ notes: REDACTED });
    expect(
      after.accessLog.map((e: { action: string; user: string }) => [e.action, e.user]),
    ).toEqual(expect.arrayContaining([['client.erasure', 'privacy-officer-1']]));
    const replay = await auditorGet(`/v1/audit/clients/${client.clientId}/state?asOf=1`);
    expect(replay.state.person === null || replay.state.person.redacted).toBe(true);
    const now = await auditorGet(`/v1/audit/clients/${client.clientId}/state`);
    expect(now.state).toMatchObject({ erased: true, person: REDACTED });
  });

  it('takes two auditors: one asks after a dry run, another approves, both logged', async () => {
    const client = await enrol(hub, gemeente, uniquePerson());
    const visit = cloudEvent(gemeente, 'visit-held', client.subject, {
      location: 'home',
      lifeAreasDiscussed: ['finances'],
      notes: 'spoke about debts',
    });
    const published = await publish(hub, gemeente, visit);
    expect(published.status).toBe(201);
    const visitAt = published.body.position;
    const second = await sessionHeaders(hub, 'auditor-two');
    const call = async (headers: Record<string, string>, path: string, body?: object) => {
      const response = await fetch(`${hub.url}/v1/audit${path}`, {
        method: body ? 'POST' : 'GET',
        headers: {
          ...headers,
          ...(body ? { 'content-type': 'application/json', origin: hub.url } : {}),
        },
        body: body && JSON.stringify(body),
      });
      return { status: response.status, body: await response.json() } as HubResponse;
    };

    const plan = await call(auditor, `/clients/${client.clientId}/erasure-plan`);
    expect(plan.body).toMatchObject({
      clientId: client.clientId,
      dataKey: 'present',
      bsnHash: true,
    });
    expect(plan.body.sealed).toEqual([
      { position: expect.any(Number), type: 'nl.samenloop.client-enrolled.v1', fields: ['person'] },
      { position: visitAt, type: 'nl.samenloop.visit-held.v1', fields: ['notes'] },
    ]);
    const asked = await call(auditor, '/erasure-requests', {
      client: `${gemeente.id}:${client.subject}`,
      reason: 'request of the data subject',
    });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({ requestedBy: 'auditor', approvedBy: null, plan: plan.body });
    expect(
      outcome(
        await call(auditor, '/erasure-requests', { client: client.clientId, reason: 'again' }),
      ),
    ).toBe('409 erasure-already-requested');
    expect(
      (await call(second, '/erasure-requests')).body.map((r: { id: string }) => r.id),
    ).toContain(asked.body.id);
    // Not yet erased; and the one who asked cannot approve.
    expect((await auditorGet(`/v1/audit/clients/${client.clientId}/state`)).state.erased).toBe(
      false,
    );
    const approve = `/erasure-requests/${asked.body.id}/approve`;
    expect(outcome(await call(auditor, approve, {}))).toBe('403 same-auditor');

    const approved = await call(second, approve, {});

    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({
      approvedBy: 'auditor-two',
      erasedPosition: expect.any(Number),
      plan: { dataKey: 'destroyed', bsnHash: false },
    });
    expect((await auditorGet(`/v1/audit/clients/${client.clientId}/state`)).state).toMatchObject({
      erased: true,
      person: REDACTED,
    });
    expect(outcome(await call(second, approve, {}))).toBe('409 erasure-request-decided');
    const log = await auditorGet(`/v1/audit/access-log?client=${client.clientId}&limit=1000`);
    expect(
      log.entries
        .filter((e: { action: string }) => e.action.startsWith('client.erasure'))
        .map((e: { action: string; user: string }) => [e.action, e.user]),
    ).toEqual([
      ['client.erasure.plan', 'auditor'],
      ['client.erasure.request', 'auditor'],
      // The second request, refused, is logged as asked for all the same.
      ['client.erasure.request', 'auditor'],
      ['client.erasure.approve', 'auditor-two'],
      ['client.erasure', 'auditor-two'],
    ]);
  });

  it('answers a second erasure with the first', async () => {
    const client = await enrol(hub, gemeente, uniquePerson());
    const first = await erase(client.clientId, { reason: 'first' });
    const second = await erase(client.clientId, { reason: 'second' });

    expect(second.status).toBe(200);
    expect(second.body).toEqual({ ...first.body, alreadyErased: true });
  });

  it('works from the command line, and replay, export and verify show the redaction', async () => {
    const person = uniquePerson();
    const client = await enrol(hub, gemeente, person);
    const ref = `${gemeente.id}:${client.subject}`;

    const erased = await cli('erase', '--client', ref, '--reason', 'end of the pilot');
    expect(erased).toMatchObject({ code: 0, err: [] });
    expect(erased.out).toEqual([
      expect.stringMatching(
        new RegExp(`^erased client ${client.clientId} at position \\d+; its data key is destroyed`),
      ),
    ]);

    const replay = await cli('replay', '--client', client.clientId);
    expect(replay.code).toBe(0);
    expect(replay.out).toEqual(
      expect.arrayContaining([
        'person: [erased]',
        expect.stringMatching(/: Personal data erased$/),
      ]),
    );

    const exported = await cli('export', '--client', client.clientId, '--out', dataDir);
    expect(exported.code).toBe(0);
    const [jsonFile, htmlFile] = exported.out;
    const report = JSON.parse(await readFile(jsonFile!, 'utf8'));
    expect(report.client).toMatchObject({ status: 'erased', person: REDACTED });
    expect(
      report.accessLog.map((e: { action: string; user: string }) => [e.action, e.user]),
    ).toEqual([
      ['client.erasure', 'privacy-officer'],
      ['audit.replay', 'privacy-officer'],
      ['audit.export', 'privacy-officer'],
    ]);
    expect(await readFile(htmlFile!, 'utf8')).toContain('Uw persoonsgegevens zijn gewist');
    const english = ['--client', client.clientId, '--out', join(dataDir, 'en'), '--lang'];
    expect((await cli('export', ...english, 'de')).code).toBe(1);
    const inEnglish = await cli('export', ...english, 'en');
    expect(await readFile(inEnglish.out[1]!, 'utf8')).toContain(
      'Your personal data has been erased',
    );
    expect((await stat(jsonFile!)).mode & 0o777).toBe(0o600);

    await hub.app.get(Sealer).sealPending({ force: true });
    const verified = await cli('verify');
    expect(verified).toMatchObject({ code: 0, err: [] });
    expect(verified.out[0]).toMatch(/^intact: \d+ events/);
  });

  it('replays from the command line as of a moment', async () => {
    const client = await enrol(hub, gemeente, uniquePerson());
    const step = cloudEvent(gemeente, 'ladder-step-reached', client.subject, { rung: 3 });
    const { position } = (await publish(hub, gemeente, step)).body;
    await publish(
      hub,
      gemeente,
      cloudEvent(gemeente, 'case-closed', client.subject, { reason: 'moved' }),
    );

    const asOf = await cli(
      'replay',
      '--client',
      client.clientId,
      '--as-of',
      String(position),
      '--json',
    );

    expect(asOf.code).toBe(0);
    const view = JSON.parse(asOf.out.join('\n'));
    expect(view).toMatchObject({ position, state: { status: 'open', ladder: [{ rung: 3 }] } });
    expect((await cli('replay', '--client', client.clientId, '--as-of', 'soon')).code).not.toBe(0);
  });

  it('replays as recorded by the hub or as happened, which differ for an event reported late', async () => {
    const client = await enrol(hub, gemeente, uniquePerson());
    const day = 86_400_000;
    const ago = (days: number) => new Date(Date.now() - days * day).toISOString();
    // Rung 2 reached three days ago and posted at once; rung 3 reached two days ago, posted now.
    const onTime = cloudEvent(gemeente, 'ladder-step-reached', client.subject, { rung: 2 });
    expect((await publish(hub, gemeente, onTime)).status).toBe(201);
    const late = cloudEvent(
      gemeente,
      'ladder-step-reached',
      client.subject,
      { rung: 3 },
      {
        time: ago(2),
      },
    );
    const reported = await publish(hub, gemeente, late);
    expect(reported.status).toBe(201);
    // A moment between the two: after the late step happened, before the hub heard of it.
    const between = new Date(Date.parse(reported.body.receivedAt) - 1).toISOString();
    const rungs = async (by: string) => {
      const replay = await cli(
        'replay',
        '--client',
        client.clientId,
        '--as-of',
        between,
        '--by',
        by,
        '--json',
      );
      expect(replay).toMatchObject({ code: 0, err: [] });
      const view = JSON.parse(replay.out.join('\n'));
      expect(view.asOf).toEqual({ time: between, by });
      return view.state.ladder.map((step: { rung: number }) => step.rung);
    };

    expect(await rungs('recorded')).not.toContain(3);
    expect(await rungs('happened')).toContain(3);
    const position = await cli(
      'replay',
      '--client',
      client.clientId,
      '--as-of',
      '1',
      '--by',
      'happened',
    );
    expect(position).toMatchObject({
      code: 1,
      err: ['samenloop: option --as-of: expected an RFC 3339 date-time with --by happened'],
    });
  });
});

describe('retention', () => {
  const sealKey = generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  let hub: HubHarness;

  beforeAll(async () => {
    hub = await HubHarness.start({
      imports: [
        IntakeModule,
        auditBehindSignIn({
          sealKey,
          settings: {
            workers: true,
            retentionAfterClose: 'PT2S',
            retentionCheckEveryMs: 200,
            sealEveryEvents: 1000,
            sealEveryMs: 500,
            sealCheckEveryMs: 200,
          },
        }),
      ],
      migrations,
    });
  });
  afterAll(() => hub?.close());

  async function until<T>(probe: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('not reached in time');
      await sleep(100);
    }
  }

  it('erases a client automatically once the term after case-closed has passed', async () => {
    const gemeente = await hub.partner('municipality', 'gemeente');
    const person = uniquePerson();
    const open = await enrol(hub, gemeente, uniquePerson());
    const closed = await enrol(hub, gemeente, person);
    const closing = cloudEvent(gemeente, 'case-closed', closed.subject, { reason: 'goal-reached' });
    const closedAt = Date.now();
    expect((await publish(hub, gemeente, closing)).status).toBe(201);

    const erased = await until(async () =>
      (await hub.readStream(clientStream(closed.clientId))).find(
        (event) => event.type === 'nl.samenloop.client-erased.v1',
      ),
    );

    expect(erased.recordedAt.getTime() - closedAt).toBeGreaterThanOrEqual(2000);
    expect(erased.metadata).toMatchObject({ partnerId: 'admin', actor: 'system:retention' });
    expect(await rowsMentioning(hub, Object.values(person))).toEqual([]);
    const keys = await hub.db.pool.query(
      'SELECT wrapped_key FROM client_keys WHERE client_id = $1',
      [closed.clientId],
    );
    expect(keys.rows).toEqual([{ wrapped_key: null }]);
    // The open case is kept.
    expect((await hub.readStream(clientStream(open.clientId))).map((event) => event.type)).toEqual([
      'nl.samenloop.client-enrolled.v1',
    ]);
  });

  it('seals the log in the background', async () => {
    const seal = await until(() => hub.app.get(Sealer).latest());
    expect(seal.treeSize).toBeGreaterThan(0);
  });
});
