import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sealer, type IntegrityView, type VerificationRun } from '@samenloop/audit';
import { IntakeModule, intakeMigrations } from '@samenloop/intake';
import { HubSecrets } from '@samenloop/platform';
import { readModelsMigrations } from '@samenloop/read-models';
import { cloudEvent } from '@samenloop/testing';
import { auditBehindSignIn, sessionHeaders } from './support/auditor-session';
import { hubShellEnv, runCli } from './support/cli-run';
import { eventually } from './support/eventually';
import { enrolClient, publish } from './support/cloud-events';
import { HubHarness, type TestPartner } from './support/hub-harness';

// `samenloop audit verify` against a hub's database: every stream's chain, every seal and the
// access log, naming the first broken link with exit code 1 once a stored byte is changed.
describe('samenloop audit verify', () => {
  const sealKey = generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  let hub: HubHarness;
  let gemeente: TestPartner;
  let dataDir: string;

  beforeAll(async () => {
    hub = await HubHarness.start({
      imports: [IntakeModule, auditBehindSignIn({ sealKey })],
      migrations: [...intakeMigrations, ...readModelsMigrations],
    });
    dataDir = await mkdtemp(join(tmpdir(), 'samenloop-audit-'));
    gemeente = await hub.partner('municipality', 'gemeente');
    for (let n = 0; n < 3; n += 1) {
      const client = await enrolClient(hub, gemeente);
      for (const rung of [2, 3]) {
        const step = cloudEvent(gemeente, 'ladder-step-reached', client.subject, { rung });
        expect((await publish(hub, gemeente, step)).status).toBe(201);
      }
    }
    // One auditor read, so that the access log has a chain to check.
    const read = await fetch(`${hub.url}/v1/audit/access-log`, {
      headers: await sessionHeaders(hub, 'auditor'),
    });
    expect(read.status).toBe(200);
    expect(await hub.app.get(Sealer).sealPending({ force: true })).not.toEqual([]);
  });

  afterAll(async () => {
    await hub?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const verify = (...args: string[]) =>
    runCli(['audit', 'verify', ...args], hubShellEnv(hub, dataDir, sealKey));

  type Sql = [string, unknown[]?];

  /** Runs `change`, then `undo`, whatever happens in between. */
  async function tampered<T>(change: Sql, undo: Sql, check: () => Promise<T>): Promise<T> {
    await hub.db.pool.query(...change);
    try {
      return await check();
    } finally {
      await hub.db.pool.query(...undo);
    }
  }

  it('exits 0 with a one-line summary when all is well', async () => {
    const { code, out, err } = await verify();

    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toEqual([
      expect.stringMatching(
        /^intact: 9 events in 3 streams, 1 seals \(signed with a trusted key\), 1 access-log entries$/,
      ),
    ]);
  });

  it('names the event whose stored data was altered past its trigger, with exit code 1', async () => {
    const { rows } = await hub.db.pool.query(
      `SELECT stream_id, revision, position, data::text AS data FROM events
       WHERE type = 'nl.samenloop.ladder-step-reached.v1' ORDER BY position LIMIT 1`,
    );
    const { stream_id: stream, revision, position, data } = rows[0];
    const altered = data.replace('"rung":2', '"rung":5');
    expect(altered).not.toBe(data);

    await expect(
      hub.db.pool.query('UPDATE events SET data = $1 WHERE position = $2', [altered, position]),
    ).rejects.toThrow(/append-only/);

    // An attacker with the database owner's rights gets past the trigger; verify still tells.
    await hub.db.pool.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    const { code, err } = await tampered(
      ['UPDATE events SET data = $1 WHERE position = $2', [altered, position]],
      ['UPDATE events SET data = $1 WHERE position = $2', [data, position]],
      () => verify(),
    ).finally(() => hub.db.pool.query('ALTER TABLE events ENABLE TRIGGER events_append_only'));

    expect(code).toBe(1);
    expect(err).toEqual([
      `samenloop: integrity broken at stream ${stream}, revision ${revision}, position ${position}: its stored hash does not match its content`,
    ]);
    expect((await verify()).code).toBe(0);
  });

  it('names an altered access-log entry (its trigger disabled to tamper)', async () => {
    await hub.db.pool.query('ALTER TABLE access_log DISABLE TRIGGER access_log_append_only');
    try {
      const { code, err } = await tampered(
        ['UPDATE access_log SET emergency = true WHERE seq = 1'],
        ['UPDATE access_log SET emergency = false WHERE seq = 1'],
        () => verify(),
      );

      expect(code).toBe(1);
      expect(err).toEqual([
        expect.stringMatching(
          /^samenloop: integrity broken at access-log entry 1 \([0-9a-f-]{36}\): its stored hash does not match its content$/,
        ),
      ]);
    } finally {
      await hub.db.pool.query('ALTER TABLE access_log ENABLE TRIGGER access_log_append_only');
    }
  });

  it('names an altered seal', async () => {
    await hub.db.pool.query('ALTER TABLE seals DISABLE TRIGGER seals_append_only');
    try {
      const { code, err } = await tampered(
        ['UPDATE seals SET event_count = event_count + 1, tree_size = tree_size + 1 WHERE id = 1'],
        ['UPDATE seals SET event_count = event_count - 1, tree_size = tree_size - 1 WHERE id = 1'],
        () => verify(),
      );

      expect(code).toBe(1);
      expect(err).toEqual(['samenloop: integrity broken at seal 1: its signature does not verify']);
    } finally {
      await hub.db.pool.query('ALTER TABLE seals ENABLE TRIGGER seals_append_only');
    }
  });

  it('refuses seals whose key is not the one it was told to trust', async () => {
    const other = join(dataDir, 'other.pem');
    await writeFile(
      other,
      generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    );
    const { code, err } = await runCli(['audit', 'verify', '--trust', other], {
      DATABASE_URL: hub.db.url,
      DATA_DIR: dataDir,
      SAMENLOOP_MASTER_KEY: hub.app.get(HubSecrets).masterKey.toString('base64'),
    });

    expect(code).toBe(1);
    expect(err[0]).toMatch(/^samenloop: integrity broken at seal 1: it is signed by key ed25519:/);
  });
  describe('from the dashboard', () => {
    let auditor: Record<string, string>;
    const api = async <T = VerificationRun>(path: string, method = 'GET') => {
      const response = await fetch(`${hub.url}/v1/audit/integrity${path}`, {
        method,
        headers: { ...auditor, ...(method === 'POST' ? { origin: hub.url } : {}) },
      });
      return { status: response.status, body: (await response.json()) as T };
    };
    const verified = async () => {
      const started = await api('/verifications', 'POST');
      expect(started.status).toBe(202);
      let run = started.body;
      await eventually(
        async () =>
          (run = (await api(`/verifications/${started.body.id}`)).body).state !== 'running',
        30_000,
        'the verification to finish',
      );
      return run;
    };

    beforeAll(async () => {
      auditor = await sessionHeaders(hub, 'auditor-2');
    });

    it('shows the latest seal with its root, signature and key', async () => {
      const { status, body } = await api<IntegrityView>('');

      expect(status).toBe(200);
      expect(body.seal).toMatchObject({
        id: 1,
        treeSize: 9,
        merkleRoot: expect.stringMatching(/^[0-9a-f]{64}$/),
        signature: expect.any(String),
        keyId: expect.stringMatching(/^ed25519:[0-9a-f]{16}$/),
        publicKey: expect.stringContaining('BEGIN PUBLIC KEY'),
      });
    });

    it('verifies in the background with progress, and names the first broken link', async () => {
      const intact = await verified();
      expect(intact).toMatchObject({
        state: 'intact',
        startedBy: 'auditor-2',
        phase: 'access-log',
      });
      expect(intact.done).toBe(intact.total);
      expect(intact.report).toMatchObject({ events: 9, streams: 3, seals: 1 });

      await hub.db.pool.query('ALTER TABLE access_log DISABLE TRIGGER access_log_append_only');
      const broken = await tampered(
        ['UPDATE access_log SET emergency = true WHERE seq = 1'],
        ['UPDATE access_log SET emergency = false WHERE seq = 1'],
        verified,
      ).finally(() =>
        hub.db.pool.query('ALTER TABLE access_log ENABLE TRIGGER access_log_append_only'),
      );
      expect(broken).toMatchObject({
        state: 'broken',
        broken: {
          kind: 'access-log',
          seq: 1,
          description: expect.stringMatching(/^access-log entry 1 .*does not match its content$/),
        },
      });
      const { rows } = await hub.db.pool.query(
        `SELECT action FROM access_log WHERE user_id = 'auditor-2' ORDER BY seq`,
      );
      expect(rows.map(({ action }) => action)).toEqual([
        'audit.integrity.read',
        'audit.verify',
        'audit.verify',
      ]);
      expect((await api('/verifications/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    });
  });
});
