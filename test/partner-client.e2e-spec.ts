import { execFile } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  SamenloopClient,
  SamenloopProblemError,
  type FeedEvent,
  type Receipt,
} from '@samenloop/partner-client';
import { createTestDatabase, type TestDatabase, validBsn } from '@samenloop/testing';
import { Webhook } from 'standardwebhooks';
import { CursorFile } from '../examples/partner-app/src/cursor.file';
import { GgzApp } from '../examples/partner-app/src/ggz.app';
import { WebhookEndpoint } from '../examples/partner-app/src/webhook.endpoint';
import { BuiltProcess, ROOT } from './support/built-hub';
import { eventually } from './support/eventually';
import { registerPartner } from './support/partner-registration';

// The example partner system (examples/partner-app) on the partner client package, against the
// built hub: what a partner's developer starts from must work on the real thing.
const RUN_TIMEOUT_MS = 120_000;
const ADMIN_TOKEN = 'admin-token-for-the-partner-client-e2e';
const PROBLEMS = 'https://samenloop.nl/problems/';
/** Enough attempts to outlast a restart of the hub. */
const RETRY = { attempts: 40, firstDelayMs: 50, maxDelayMs: 1_000 };

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('the example partner system on the partner client (the built hub)', () => {
  let db: TestDatabase;
  let dataDir: string;
  let port: number;
  let hub: BuiltProcess;
  let url: string;
  let gemeente: SamenloopClient;
  let ggz: SamenloopClient;
  let ggzId: string;
  let cursorPath: string;
  /** What the GGZ app logged: one line per event it handled, starting with the cursor. */
  const handled: string[] = [];
  const app = () =>
    new GgzApp(ggz, ggzId, new CursorFile(cursorPath), (line) => handled.push(line));

  const subject = `GM-${randomUUID()}`;
  const bsn = validBsn();

  const startHub = () =>
    BuiltProcess.start('hub', {
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_PARTNERS: 'off',
      SAMENLOOP_ADMIN_TOKEN: ADMIN_TOKEN,
      RATE_LIMIT_PER_SECOND: '0',
      WEBHOOK_ALLOW_LOOPBACK_HTTP: 'on',
    });

  /** A contact of the municipality, which every partner involved receives. */
  async function municipalContact(): Promise<Receipt> {
    const event = gemeente.event('nl.samenloop.contact-attempted.v1', subject, {
      channel: 'letter',
      outcome: 'appointment-made',
    });
    return (await gemeente.publish(event)).receipt;
  }

  const cursors = () => handled.map((line) => Number(line.split(' ')[0]));

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'samenloop-partner-client-'));
    cursorPath = join(dataDir, 'ggz.cursor');
    port = await freePort();
    hub = startHub();
    url = await hub.ready();
    const municipality = await registerPartner(url, ADMIN_TOKEN, 'gemeente-e2e', 'municipality');
    const team = await registerPartner(url, ADMIN_TOKEN, 'ggz-e2e', 'mental-health');
    ggzId = team.id;
    gemeente = new SamenloopClient({
      url,
      ...municipality,
      partnerId: municipality.id,
      retry: RETRY,
    });
    ggz = new SamenloopClient({ url, token: team.token, partnerId: team.id, retry: RETRY });
  }, RUN_TIMEOUT_MS);

  afterAll(async () => {
    await hub?.stop('SIGKILL');
    await db?.drop();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('publishes an enrolment, and a resend of it is answered with the first receipt', async () => {
    const enrolment = gemeente.event('nl.samenloop.client-enrolled.v1', subject, {
      municipality: 'GM0794',
      profile: 'social-activation-with-care',
      startRung: 1,
      person: { givenName: 'Anna', familyName: 'de Vries', birthDate: '1975-04-30', bsn },
    });

    const first = await gemeente.publish(enrolment);
    const again = await gemeente.publish(enrolment);

    expect(first).toMatchObject({ alreadyStored: false, receipt: { id: enrolment.id, subject } });
    expect(again).toEqual({ alreadyStored: true, receipt: first.receipt });
  });

  it('throws what the hub refuses as a typed problem, field errors included', async () => {
    const invalid = gemeente.event('nl.samenloop.contact-attempted.v1', subject, {
      channel: 'pigeon' as 'phone',
      outcome: 'reached',
    });
    const unknown = gemeente.event('nl.samenloop.ladder-step-reached.v1', 'GM-nobody', { rung: 2 });

    const refusals = await Promise.all(
      [invalid, unknown].map((event) =>
        gemeente.publish(event).then(
          () => Promise.reject(new Error(`${event.type} was stored`)),
          (error: unknown) => error as SamenloopProblemError,
        ),
      ),
    );

    expect(refusals.map((error) => error instanceof SamenloopProblemError)).toEqual([true, true]);
    expect(refusals.map(({ code, status }) => [code, status])).toEqual([
      ['invalid-event', 400],
      ['unknown-client', 404],
    ]);
    expect(refusals[0]!.problem.errors).toEqual([
      expect.objectContaining({ path: 'data.channel' }),
    ]);
  });

  it('signals its involvement and imports past contacts in one batch, each answered', async () => {
    const ggzApp = app();
    const signalled = await ggzApp.signalInvolvement('GGZ-1', bsn);
    const day = (n: number) => new Date(Date.now() - n * 86_400_000);

    const results = await ggzApp.importContacts([
      { reference: 'GGZ-1', at: day(20), channel: 'phone', outcome: 'no-answer' },
      { reference: 'GGZ-1', at: day(19), channel: 'phone', outcome: 'reached' },
      { reference: 'GGZ-unknown', at: day(18), channel: 'letter', outcome: 'reached' },
    ]);

    expect(signalled.alreadyStored).toBe(false);
    expect(results.map(({ index, status }) => [index, status])).toEqual([
      [0, 201],
      [1, 201],
      [2, 404],
    ]);
    expect(results[2]!.problem!.type).toBe(`${PROBLEMS}unknown-client`);
    expect(results[1]!.receipt!.position).toBeGreaterThan(results[0]!.receipt!.position);
  });

  it(
    'follows its feed from a cursor, takes on a referral and resumes where it stopped',
    async () => {
      const referralId = randomUUID();
      await gemeente.publish(
        gemeente.event('nl.samenloop.referral-made.v1', subject, {
          referralId,
          service: 'mental-health',
          toPartner: ggzId,
          reason: 'sleeps badly since the eviction notice',
        }),
      );
      const ggzApp = app();
      const stop = new AbortController();
      const following = ggzApp.followFeed(stop.signal);
      await eventually(() => ggzApp.referrals.has(referralId), 30_000, 'no referral taken on');
      stop.abort();
      await following;

      // The team accepted under the hub's reference for the client; the municipality learns of it.
      const accepted: FeedEvent[] = [];
      for await (const event of gemeente.follow({ wait: 5, signal: AbortSignal.timeout(20_000) })) {
        if (event.type === 'nl.samenloop.referral-accepted.v1') {
          accepted.push(event);
          break;
        }
      }
      expect(accepted[0]).toMatchObject({ subject, data: { referralId }, source: ggz.source });
      const saved = Number(await readFile(cursorPath, 'utf8'));
      expect(saved).toBe(cursors().at(-1));
      expect(handled.join('\n')).toContain('nl.samenloop.involvement-matched.v1');

      // Restarted, the app handles only what came after the saved cursor.
      const before = handled.length;
      const contact = await municipalContact();
      const resumed = app();
      const again = new AbortController();
      const resuming = resumed.followFeed(again.signal);
      await eventually(() => cursors().includes(contact.position), 30_000, 'contact not followed');
      again.abort();
      await resuming;
      expect(cursors().slice(before)).toEqual([contact.position]);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'streams its feed over server-sent events and resumes across a restart of the hub',
    async () => {
      const before = handled.length;
      const stop = new AbortController();
      const streaming = app().streamFeed(stop.signal);
      const first = await municipalContact();
      await eventually(() => cursors().includes(first.position), 30_000, 'first contact');

      await hub.stop();
      hub = startHub();
      await hub.ready();
      const second = await municipalContact();
      await eventually(() => cursors().includes(second.position), 60_000, 'second contact');
      stop.abort();
      await streaming;

      expect(cursors().slice(before)).toEqual([first.position, second.position]);
      expect(Number(await readFile(cursorPath, 'utf8'))).toBe(second.position);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'receives its events as webhooks the hub signed, once each, and refuses forged or old calls',
    async () => {
      const received: FeedEvent[] = [];
      const endpoint = await WebhookEndpoint.listen(0, '127.0.0.1', async (event) => {
        received.push(event);
      });
      try {
        const subscription = await ggz.subscribe({
          url: endpoint.url,
          types: ['nl.samenloop.contact-attempted.v1'],
        });
        endpoint.secret = subscription.secret;
        const contact = await municipalContact();
        await eventually(() => received.length > 0, 30_000, 'no webhook verified');

        expect(received).toEqual([
          expect.objectContaining({ cursor: contact.position, id: contact.id, subject: 'GGZ-1' }),
        ]);
        const delivered = async () => (await ggz.subscriptions())[0]?.delivered === 1;
        await eventually(delivered, 10_000, 'the delivery not counted');

        const body = JSON.stringify({
          ...received[0],
          data: { channel: 'phone', outcome: 'reached' },
        });
        const signer = new Webhook(subscription.secret);
        const call = (headers: Record<string, string>, text = body) =>
          fetch(endpoint.url, { method: 'POST', headers, body: text }).then((r) => r.status);
        const signed = (id: string, at: Date, text = body) => ({
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          'webhook-signature': signer.sign(id, at, text),
        });
        const forger = new Webhook(`whsec_${randomBytes(24).toString('base64')}`);
        const now = new Date();

        expect(await call(signed('msg_changed', now), body.replace('phone', 'email'))).toBe(401);
        expect(await call(signed('msg_old', new Date(now.getTime() - 10 * 60_000)))).toBe(401);
        expect(
          await call({
            ...signed('msg_forged', now),
            'webhook-signature': forger.sign('msg_forged', now, body),
          }),
        ).toBe(401);
        expect(received).toHaveLength(1);

        // A genuine call is taken once however often it comes (the hub retries until a 2xx).
        const genuine = signed('msg_genuine', now);
        expect([await call(genuine), await call(genuine)]).toEqual([204, 204]);
        expect(received).toHaveLength(2);

        await ggz.unsubscribe(subscription.id);
        expect(await ggz.subscriptions()).toEqual([]);
      } finally {
        await endpoint.close();
      }
    },
    RUN_TIMEOUT_MS,
  );
});

describe('the partner client package', () => {
  it(
    'builds with npm pack and holds only what a partner needs',
    async () => {
      const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json'], {
        cwd: join(ROOT, 'packages/partner-client'),
      });
      const [packed] = JSON.parse(stdout) as { name: string; files: { path: string }[] }[];
      const files = packed!.files.map(({ path }) => path);

      expect(packed!.name).toBe('@samenloop/partner-client');
      expect(files).toEqual(
        expect.arrayContaining([
          'LICENSE',
          'README.md',
          'package.json',
          'dist/index.js',
          'dist/index.d.ts',
          'dist/contract.generated.d.ts',
        ]),
      );
      expect(files.filter((path) => !/^dist\/[\w.]+\.(js|d\.ts)$/.test(path)).sort()).toEqual([
        'LICENSE',
        'README.md',
        'package.json',
      ]);
      expect(files.some((path) => path.includes('spec'))).toBe(false);
    },
    RUN_TIMEOUT_MS,
  );
});
