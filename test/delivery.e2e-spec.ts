import { randomUUID } from 'node:crypto';
import {
  DeliveryModule,
  deliveryMigrations,
  ExponentialBackoff,
  FeedConsumer,
} from '@samenloop/delivery';
import { auditMigrations } from '@samenloop/audit';
import { keyVaultMigrations } from '@samenloop/privacy';
import type { EventName } from '@samenloop/domain';
import { IntakeModule, intakeMigrations } from '@samenloop/intake';
import { cloudEvent } from '@samenloop/testing';
import { enrolClient, publish, type EnrolledClient } from './support/cloud-events';
import { HubHarness, type HubResponse, type TestPartner } from './support/hub-harness';
import { failingFirst, WebhookReceiver } from './support/webhook-receiver';

const HEARTBEAT_MS = 300;
const GIVE_UP_AFTER_MS = 1_500;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// What each partner receives of one shared client journey, over the HTTP feed, long-polling,
// server-sent events and webhooks, with the hub's intake in front.
describe('delivery to partners (feed, SSE, webhooks)', () => {
  let hub: HubHarness;
  let gemeente: TestPartner;
  let ggz: TestPartner;
  let huisarts: TestPartner;
  let werk: TestPartner;
  let woon: TestPartner;
  let welzijn: TestPartner;
  let client: EnrolledClient;
  /** Each partner's own reference for the client, as its feed names it. */
  const subjects = new Map<string, string>();

  beforeAll(async () => {
    hub = await HubHarness.start({
      imports: [
        IntakeModule,
        DeliveryModule.forRoot({
          settings: {
            heartbeatMs: HEARTBEAT_MS,
            webhookTimeoutMs: 2_000,
            dispatcherRecheckMs: 500,
          },
          webhookBackoff: new ExponentialBackoff({
            initialDelayMs: 100,
            maxDelayMs: 400,
            giveUpAfterMs: GIVE_UP_AFTER_MS,
          }),
        }),
      ],
      migrations: [
        ...auditMigrations.filter((migration) => !keyVaultMigrations.includes(migration)),
        ...intakeMigrations,
        ...deliveryMigrations,
      ],
    });
    [gemeente, ggz, huisarts, werk, woon, welzijn] = await Promise.all([
      hub.partner('municipality', 'gemeente'),
      hub.partner('mental-health', 'ggz'),
      hub.partner('gp', 'huisarts'),
      hub.partner('work-company', 'werk'),
      hub.partner('housing-corporation', 'woon'),
      hub.partner('welfare', 'welzijn'),
    ]);
    client = await enrolClient(hub, gemeente);
    subjects.set(gemeente.id, client.subject);
    await signal(ggz, 'GGZ-1');
    await signal(huisarts, 'HA-1');
    for (const partner of [werk, woon, welzijn]) await referAndAccept(partner);
  });

  afterAll(() => hub?.close());

  const sent = async (partner: TestPartner, name: EventName, data: object = {}) => {
    const subject = subjects.get(partner.id)!;
    const response = await publish(hub, partner, cloudEvent(partner, name, subject, data));
    if (response.status !== 201) {
      throw new Error(`${name}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body as { position: number };
  };

  async function signal(partner: TestPartner, reference: string): Promise<void> {
    subjects.set(partner.id, reference);
    await sent(partner, 'involvement-signalled', { bsn: client.bsn });
  }

  /** The partner learns of the referral from its feed and accepts it under the subject given. */
  async function referAndAccept(partner: TestPartner): Promise<void> {
    const referralId = randomUUID();
    await sent(gemeente, 'referral-made', {
      referralId,
      service: 'other',
      toPartner: partner.id,
      reason: 'lives alone, rarely leaves the house',
    });
    const referral = (await everything(partner)).find(
      (event) => event.data.referralId === referralId,
    );
    subjects.set(partner.id, referral!.subject);
    await sent(partner, 'referral-accepted', { referralId });
  }

  async function get(path: string, partner: TestPartner, headers: Json = {}) {
    const response = await fetch(`${hub.url}${path}`, {
      headers: { authorization: `Bearer ${partner.token}`, ...headers },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined } as HubResponse;
  }

  async function post(path: string, partner: TestPartner, body: unknown): Promise<HubResponse> {
    return hub.post(path, body, { token: partner.token });
  }

  /** Waits until the materializer has caught up with every stored event. */
  async function settled(): Promise<void> {
    const { rows } = await hub.db.pool.query<{ p: string }>(
      'SELECT max(position) AS p FROM events',
    );
    const deadline = Date.now() + 10_000;
    while ((hub.app.get(FeedConsumer).status().checkpoint ?? 0) < Number(rows[0]!.p)) {
      if (Date.now() > deadline) throw new Error('the partner feed did not catch up');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** The partner's whole feed, page by page over HTTP. */
  async function everything(partner: TestPartner, limit = 3): Promise<Json[]> {
    await settled();
    const events: Json[] = [];
    for (let after = 0; ;) {
      const { status, body } = await get(`/v1/feed?after=${after}&limit=${limit}`, partner);
      expect(status).toBe(200);
      events.push(...body.events);
      if (body.events.length < limit) return events;
      expect(body.next).toBe(body.events.at(-1).cursor);
      after = body.next;
    }
  }

  const names = (events: readonly Json[]) =>
    events.map(({ type }) => String(type).replace(/^nl\.samenloop\.|\.v1$/g, ''));

  describe('the feed', () => {
    beforeAll(async () => {
      await sent(ggz, 'life-areas-assessed', { scores: { 'mental-health': 2 } });
      await sent(ggz, 'consent-granted', { toPartner: gemeente.id, categories: ['assessment'] });
      await sent(ggz, 'life-areas-assessed', { scores: { 'mental-health': 3 } });
      await sent(gemeente, 'visit-held', {
        location: 'home',
        lifeAreasDiscussed: ['social-network'],
        notes: 'would like to pour coffee at the BOP',
      });
    });

    it('gives each kind of partner exactly the events its agreement and consent allow', async () => {
      const accepted = ['referral-made', 'referral-accepted'];
      // The health partner's first assessment had no consent; the second went to the municipality.
      expect(names(await everything(gemeente))).toEqual([
        'involvement-matched',
        'involvement-matched',
        ...['referral-accepted', 'referral-accepted', 'referral-accepted'],
        'consent-granted',
        'life-areas-assessed',
      ]);
      // A partner that joins is first told who the client is (signal and match for BSN holders).
      expect(names(await everything(ggz))).toEqual([
        'client-enrolled',
        'involvement-matched',
        'involvement-matched',
        ...accepted,
        ...accepted,
        ...accepted,
        'visit-held',
      ]);
      expect(names(await everything(huisarts))).toEqual([
        'client-enrolled',
        'involvement-matched',
        ...accepted,
        ...accepted,
        ...accepted,
        'consent-granted',
        'visit-held',
      ]);
      // Partners joining by referral: the referral, then who the client is, then what follows.
      expect(names(await everything(werk))).toEqual([
        'referral-made',
        'client-enrolled',
        ...accepted,
        ...accepted,
        'consent-granted',
        'visit-held',
      ]);
      expect(names(await everything(woon))).toEqual([
        'referral-made',
        'client-enrolled',
        ...accepted,
        'consent-granted',
        'visit-held',
      ]);
      expect(names(await everything(welzijn))).toEqual([
        'referral-made',
        'client-enrolled',
        'consent-granted',
        'visit-held',
      ]);
    });

    it('keeps each client’s events in the order they happened', async () => {
      const cursors = (await everything(ggz)).map(({ cursor }) => cursor as number);
      // The catch-up enrolment comes first and carries the enrolment's own cursor.
      expect(cursors).toEqual([...cursors].sort((a, b) => a - b));
      const stream = await hub.readStream(`client-${client.clientId}`);
      const all = stream.map(({ position }) => position);
      expect(cursors.every((cursor) => all.includes(cursor))).toBe(true);
    });

    it('sends identity and the BSN only where a law and the agreement allow them', async () => {
      const enrolmentOf = async (partner: TestPartner) =>
        (await everything(partner)).find(({ type }) => type === 'nl.samenloop.client-enrolled.v1');
      const person = { givenName: 'Anna', familyName: 'de Vries', birthDate: '1975-04-30' };
      for (const partner of [ggz, huisarts, werk]) {
        expect((await enrolmentOf(partner))?.data.person).toEqual({ ...person, bsn: client.bsn });
      }
      expect((await enrolmentOf(welzijn))?.data).toEqual({
        municipality: 'GM0794',
        profile: 'social-activation',
        startRung: 1,
      });
    });

    it('names the client by each partner’s own reference and strips what it may not have', async () => {
      const visits = await Promise.all(
        [ggz, huisarts, werk, woon, welzijn].map(async (partner) => ({
          partner,
          visit: (await everything(partner)).at(-1)!,
        })),
      );
      for (const { partner, visit } of visits) {
        expect(visit).toMatchObject({ type: 'nl.samenloop.visit-held.v1' });
        expect(visit.subject).toBe(subjects.get(partner.id));
        expect(visit.data).toEqual({ location: 'home', lifeAreasDiscussed: ['social-network'] });
      }
      const referral = (await everything(werk))[0]!;
      expect(referral.data).not.toHaveProperty('reason');
      expect(JSON.stringify(await everything(woon))).not.toContain(client.bsn);
    });

    it('answers an unknown cursor with a problem', async () => {
      const { status, body } = await get('/v1/feed?after=987654', werk);
      expect(status).toBe(400);
      expect(body.type).toBe('https://samenloop.nl/problems/unknown-cursor');
      expect((await get('/v1/feed?limit=501', werk)).status).toBe(400);
    });

    it('holds a long-poll until an event arrives, and answers an empty page at its end', async () => {
      const [last] = (await everything(welzijn)).slice(-1);
      const started = Date.now();
      const polled = get(`/v1/feed?after=${last!.cursor}&wait=10`, welzijn);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const contact = await sent(gemeente, 'contact-attempted', {
        channel: 'phone',
        outcome: 'reached',
      });
      const { status, body } = await polled;
      expect(status).toBe(200);
      expect(body.events.map(({ cursor }: Json) => cursor)).toEqual([contact.position]);
      expect(body.next).toBe(contact.position);
      expect(Date.now() - started).toBeLessThan(5_000);

      const idle = Date.now();
      const empty = await get(`/v1/feed?after=${contact.position}&wait=1`, welzijn);
      expect(empty.body).toEqual({ events: [], next: contact.position });
      expect(Date.now() - idle).toBeGreaterThanOrEqual(900);
    });
  });

  describe('server-sent events', () => {
    /** Reads the stream until `done` says so; the connection is then dropped. */
    async function readStream(
      partner: TestPartner,
      headers: Json,
      done: (text: string) => boolean,
      whileOpen: () => Promise<unknown> = async () => undefined,
    ): Promise<string> {
      const abort = new AbortController();
      const response = await fetch(`${hub.url}/v1/feed/stream`, {
        headers: { authorization: `Bearer ${partner.token}`, ...headers },
        signal: abort.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let text = '';
      const timer = setTimeout(() => abort.abort(), 10_000);
      void whileOpen();
      try {
        while (!done(text)) {
          const { value, done: ended } = await reader.read();
          if (ended) break;
          text += value;
        }
      } finally {
        clearTimeout(timer);
        abort.abort();
      }
      return text;
    }

    const messages = (text: string) =>
      text
        .split('\n\n')
        .filter((block) => block.startsWith('id: '))
        .map((block) => {
          const [id, data] = block.split('\n');
          return { id: Number(id!.slice(4)), event: JSON.parse(data!.slice(6)) as Json };
        });

    it('resumes after Last-Event-ID, streams live events and sends heartbeats when idle', async () => {
      const events = await everything(werk);
      const resumeAfter = events.at(-3)!.cursor as number;
      let live: { position: number } | undefined;
      const text = await readStream(
        werk,
        { 'last-event-id': String(resumeAfter) },
        (received) => messages(received).length === 3 && received.includes(': heartbeat'),
        async () => {
          await new Promise((resolve) => setTimeout(resolve, 100));
          live = await sent(gemeente, 'ladder-step-reached', { rung: 2 });
        },
      );
      const streamed = messages(text);
      expect(streamed.slice(0, 2)).toEqual(
        events.slice(-2).map((event) => ({ id: event.cursor, event })),
      );
      expect(streamed[2]).toMatchObject({
        id: live!.position,
        event: { type: 'nl.samenloop.ladder-step-reached.v1', data: { rung: 2 } },
      });
    });

    it('resumes from ?after= and refuses an unknown cursor before streaming', async () => {
      const events = await everything(welzijn);
      const text = await readStream(welzijn, {}, (received) => received.includes(': heartbeat'));
      expect(messages(text).map(({ id }) => id)).toEqual(events.map(({ cursor }) => cursor));

      const after = await fetch(`${hub.url}/v1/feed/stream?after=${events.at(-1)!.cursor}`, {
        headers: { authorization: `Bearer ${welzijn.token}`, 'last-event-id': '424242' },
      });
      expect(after.status).toBe(400);
      expect(((await after.json()) as Json).type).toMatch(/unknown-cursor$/);
    });
  });

  describe('webhooks', () => {
    it('delivers signed, in order, through failures, with figures and replay', async () => {
      const receiver = await WebhookReceiver.start(failingFirst(3));
      try {
        await settled();
        const created = await post('/v1/subscriptions', werk, { url: receiver.url });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({ status: 'active', delivered: 0 });
        const { id, secret } = created.body as { id: string; secret: string };
        expect(secret).toMatch(/^whsec_/);

        const positions: number[] = [];
        for (const rung of [3, 4, 5]) {
          positions.push((await sent(gemeente, 'ladder-step-reached', { rung })).position);
        }
        await until(async () => (await get(`/v1/subscriptions/${id}`, werk)).body.delivered === 3);

        const delivered = receiver.delivered(secret);
        expect(delivered.map(({ cursor }) => cursor)).toEqual(positions);
        expect(delivered.map(({ data }) => data.rung)).toEqual([3, 4, 5]);
        expect(receiver.calls.filter(({ status }) => status === 500)).toHaveLength(3);
        const first = receiver.calls[0]!.headers;
        expect(first['content-type']).toBe('application/cloudevents+json');
        expect(receiver.calls.slice(0, 4).map(({ headers }) => headers['webhook-id'])).toEqual(
          Array(4).fill(first['webhook-id']),
        );
        const status = (await get(`/v1/subscriptions/${id}`, werk)).body;
        expect(status).toMatchObject({
          id,
          status: 'active',
          delivered: 3,
          lastDeliveredCursor: positions[2],
          attempts: 0,
          lastError: null,
          nextAttemptAt: null,
        });
        expect(status).not.toHaveProperty('secret');

        const replay = await post(`/v1/subscriptions/${id}/replay`, werk, { from: positions[0] });
        expect(replay.status).toBe(200);
        await until(async () => (await get(`/v1/subscriptions/${id}`, werk)).body.delivered === 5);
        const replayed = receiver.calls.slice(-2);
        expect(replayed.map(({ body }) => JSON.parse(body).cursor)).toEqual(positions.slice(1));
        // Replays are resends: the same webhook-id, so a receiver that has them drops them.
        expect(receiver.delivered(secret)).toHaveLength(3);
      } finally {
        await receiver.close();
      }
    });

    it('marks a subscription failing after the retry window, and resumes on replay', async () => {
      const receiver = await WebhookReceiver.start(() => true);
      try {
        await settled();
        const created = await post('/v1/subscriptions', welzijn, {
          url: receiver.url,
          types: ['nl.samenloop.contact-attempted.v1'],
        });
        const { id, secret } = created.body as { id: string; secret: string };
        const before = (await everything(welzijn)).at(-1)!.cursor as number;
        await sent(gemeente, 'ladder-step-reached', { rung: 6 });
        const contact = await sent(gemeente, 'contact-attempted', {
          channel: 'letter',
          outcome: 'appointment-made',
        });

        await until(
          async () => (await get(`/v1/subscriptions/${id}`, welzijn)).body.status === 'failing',
        );
        const failing = (await get(`/v1/subscriptions/${id}`, welzijn)).body;
        expect(failing).toMatchObject({
          delivered: 0,
          lastError: 'the endpoint answered 5xx',
          nextAttemptAt: null,
        });
        expect(failing.attempts).toBeGreaterThan(1);
        const calls = receiver.calls.length;
        await new Promise((resolve) => setTimeout(resolve, 600));
        expect(receiver.calls).toHaveLength(calls);

        receiver.fails = () => false;
        await post(`/v1/subscriptions/${id}/replay`, welzijn, { from: before });
        await until(
          async () => (await get(`/v1/subscriptions/${id}`, welzijn)).body.delivered === 1,
        );
        // Only the type asked for; the ladder step (not even in its agreement) never went out.
        expect(receiver.delivered(secret).map(({ cursor }) => cursor)).toEqual([contact.position]);
        expect((await get(`/v1/subscriptions/${id}`, welzijn)).body).toMatchObject({
          status: 'active',
          lastDeliveredCursor: contact.position,
        });
      } finally {
        await receiver.close();
      }
    });

    it('refuses endpoints that are not http(s) or carry credentials', async () => {
      for (const url of ['ftp://partner.example.nl/', 'https://user:pw@partner.example.nl/']) {
        const { status, body } = await post('/v1/subscriptions', werk, { url });
        expect(status).toBe(400);
        expect(body.errors[0].path).toBe('url');
      }
      const types = await post('/v1/subscriptions', werk, {
        url: 'https://partner.example.nl/',
        types: ['nl.samenloop.no-such-type.v1'],
      });
      expect(types.status).toBe(400);
    });

    it('keeps subscriptions to their partner, lists them, and removes them', async () => {
      // A name that resolves nowhere is refused, so the endpoint is a (closed) loopback port.
      const { body } = await post('/v1/subscriptions', woon, { url: 'http://127.0.0.1:9/woon' });
      expect((await get(`/v1/subscriptions/${body.id}`, werk)).status).toBe(404);
      const listed = await get('/v1/subscriptions', woon);
      expect(listed.body.map(({ id }: Json) => id)).toEqual([body.id]);
      const removed = await fetch(`${hub.url}/v1/subscriptions/${body.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${woon.token}` },
      });
      expect(removed.status).toBe(204);
      expect((await get(`/v1/subscriptions/${body.id}`, woon)).status).toBe(404);
    });
  });

  describe('the access log (NEN 7513)', () => {
    it('records every delivery: which client, to whom, how, under which agreement', async () => {
      const { rows } = await hub.db.pool.query<Json>(
        `SELECT action, client_id, user_id, partner_id, access_point, authorisation, detail
         FROM access_log WHERE partner_id = $1 ORDER BY seq`,
        [werk.id],
      );
      const actions = new Set(rows.map(({ action }) => action));
      expect([...actions].sort()).toEqual(['feed.read', 'sse.delivery', 'webhook.delivery']);
      for (const row of rows) {
        expect(row).toMatchObject({
          client_id: client.clientId,
          authorisation: { basis: 'agreement', reference: werk.id, version: 'helmond-2025.1' },
        });
        expect(row.detail.positions.length).toBeGreaterThan(0);
      }
      const webhook = rows.find(({ action }) => action === 'webhook.delivery')!;
      expect(webhook).toMatchObject({
        user_id: 'system:webhook',
        access_point: expect.stringMatching(/^webhook:/),
      });
      const read = rows.find(({ action }) => action === 'feed.read')!;
      expect(read).toMatchObject({ user_id: `partner:${werk.id}`, access_point: 'GET /v1/feed' });
      expect(JSON.stringify(rows)).not.toContain(client.bsn);
    });
  });
});

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
