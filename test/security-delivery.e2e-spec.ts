import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventName } from '@samenloop/domain';
import { CLOUDEVENTS_MEDIA_TYPE } from '@samenloop/contracts';
import {
  cloudEvent,
  createTestDatabase,
  enrolmentData,
  type TestDatabase,
  validBsn,
} from '@samenloop/testing';
import { BuiltProcess } from './support/built-hub';
import { eventually } from './support/eventually';

// Issue 11, cases 2, 4, 5 and the stream cap of 10: partner delivery attacked on the built hub.
const RUN_TIMEOUT_MS = 120_000;
const ADMIN_TOKEN = 'admin-token-for-the-delivery-security-e2e';
const PROBLEMS = 'https://samenloop.nl/problems/';
const SSE_MAX_STREAMS = 2;
const WEBHOOK_MAX_SUBSCRIPTIONS = 16;
/** Within the hub's default 10 s webhook timeout: slow, not failing. */
const SLOW_ANSWER_MS = 3_000;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Partner {
  id: string;
  token: string;
  /** Its own reference for the shared client. */
  subject: string;
}

/** A partner's endpoint on 127.0.0.1 answering every call with `status` after `delayMs`. */
class Endpoint {
  readonly calls: Json[] = [];
  private constructor(private readonly server: Server) {}

  static async start(status = 204, delayMs = 0): Promise<Endpoint> {
    const server = createServer();
    const endpoint = new Endpoint(server);
    server.on('request', (request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        endpoint.calls.push({ url: request.url, event: body ? JSON.parse(body) : undefined });
        setTimeout(() => response.writeHead(status, { location: '/elsewhere' }).end(), delayMs);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return endpoint;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** An event stream as a partner reads it: its text so far, and whether the hub ended it. */
class EventStream {
  text = '';
  private ended = false;
  private readonly finished: Promise<void>;

  private constructor(
    private readonly abort: AbortController,
    body: ReadableStream<Uint8Array>,
  ) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    this.finished = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          this.text += value;
        }
        this.ended = true;
      } catch {
        // Closed by this side.
      }
    })();
  }

  static async open(url: string, token: string): Promise<EventStream | Response> {
    const abort = new AbortController();
    const response = await fetch(`${url}/v1/feed/stream`, {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    if (response.status !== 200) return response;
    return new EventStream(abort, response.body!);
  }

  /** Resolves once the hub ends the stream; rejects after `ms`. */
  async endedByHub(ms: number): Promise<void> {
    await within(ms, this.finished, 'the hub did not end the stream');
    if (!this.ended) throw new Error('the stream was closed by the test, not by the hub');
  }

  async receives(eventId: string, ms = 10_000): Promise<void> {
    await eventually(() => this.text.includes(eventId), ms, `event ${eventId} not streamed`);
  }

  close(): Promise<void> {
    this.abort.abort();
    return this.finished;
  }
}

async function within<T>(ms: number, promise: Promise<T>, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('partner delivery under attack (the built hub)', () => {
  let db: TestDatabase;
  let hub: BuiltProcess;
  let url: string;
  /** A second API process on the same database, as replicas run (WORKERS=off). */
  let replica: BuiltProcess;
  let replicaUrl: string;
  let gemeente: Partner;
  let ggz: Partner;
  let huisarts: Partner;
  let werk: Partner;
  let bsn: string;
  const endpoints: Endpoint[] = [];

  const call = async (
    base: string,
    method: string,
    path: string,
    token: string,
    body?: unknown,
    contentType = 'application/json',
  ) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': contentType }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text && JSON.parse(text) };
  };

  const admin = (method: string, path: string, body?: unknown) =>
    call(url, method, `/v1/admin/partners${path}`, ADMIN_TOKEN, body);

  async function addPartner(kind: string, name: string, subject: string): Promise<Partner> {
    const id = `${name}-${randomBytes(3).toString('hex')}`;
    const { status, body } = await admin('POST', '', { id, kind, name: `Test ${name}` });
    if (status !== 201) throw new Error(`partner ${id}: ${status} ${JSON.stringify(body)}`);
    return { id, token: body.token, subject };
  }

  /** Publishes as `partner`; answers the event's id. */
  async function publish(partner: Partner, name: EventName, data: object): Promise<string> {
    const event = cloudEvent(partner, name, partner.subject, data);
    const { status, body } = await call(
      url,
      'POST',
      '/v1/events',
      partner.token,
      event,
      CLOUDEVENTS_MEDIA_TYPE,
    );
    if (status !== 201) throw new Error(`${name}: ${status} ${JSON.stringify(body)}`);
    return event.id as string;
  }

  /** A municipality event that every involved partner receives. */
  const contact = () =>
    publish(gemeente, 'contact-attempted', { channel: 'letter', outcome: 'appointment-made' });

  const subscribe = (partner: Partner, endpointUrl: string, base = url) =>
    call(base, 'POST', '/v1/subscriptions', partner.token, { url: endpointUrl });

  async function endpoint(status?: number, delayMs?: number): Promise<Endpoint> {
    const started = await Endpoint.start(status, delayMs);
    endpoints.push(started);
    return started;
  }

  function startHub(env: Record<string, string>): BuiltProcess {
    return BuiltProcess.start('hub', {
      DATABASE_URL: db.url,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO_PARTNERS: 'off',
      SAMENLOOP_ADMIN_TOKEN: ADMIN_TOKEN,
      RATE_LIMIT_PER_SECOND: '0',
      ...env,
    });
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const development = {
      WEBHOOK_ALLOW_LOOPBACK_HTTP: 'on',
      SSE_MAX_STREAMS: String(SSE_MAX_STREAMS),
      WEBHOOK_MAX_SUBSCRIPTIONS: String(WEBHOOK_MAX_SUBSCRIPTIONS),
    };
    hub = startHub(development);
    url = await hub.ready();
    replica = startHub({ ...development, WORKERS: 'off' });
    replicaUrl = await replica.ready();
    gemeente = await addPartner('municipality', 'gemeente', `GM-${randomUUID()}`);
    [ggz, huisarts, werk] = await Promise.all([
      addPartner('mental-health', 'ggz', 'GGZ-1'),
      addPartner('gp', 'huisarts', 'HA-1'),
      addPartner('work-company', 'werk', 'WERK-1'),
    ]);
    bsn = validBsn();
    await publish(gemeente, 'client-enrolled', enrolmentData(bsn));
    for (const partner of [ggz, huisarts, werk]) {
      await publish(partner, 'involvement-signalled', { bsn });
    }
  }, RUN_TIMEOUT_MS);

  afterAll(async () => {
    await Promise.all(endpoints.map((started) => started.close()));
    await replica?.stop('SIGKILL');
    await hub?.stop('SIGKILL');
    await db?.drop();
  });

  describe('case 2: rotation and revocation end what the old credentials opened', () => {
    it(
      'ends open streams and long-polls of a rotated token within a second, on another process too',
      async () => {
        const oldToken = ggz.token;
        const onReplica = (await EventStream.open(replicaUrl, oldToken)) as EventStream;
        const onHub = (await EventStream.open(url, oldToken)) as EventStream;
        const before = await contact();
        await Promise.all([onReplica.receives(before), onHub.receives(before)]);
        // A long-poll waiting meanwhile, authenticated before the rotation.
        const cursors = [...onHub.text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]));
        const longPoll = call(
          url,
          'GET',
          `/v1/feed?after=${Math.max(...cursors)}&wait=10`,
          oldToken,
        );
        await pause(500);

        const rotated = await admin('POST', `/${ggz.id}/rotate`);
        expect(rotated.status).toBe(200);
        ggz = { ...ggz, token: rotated.body.token };

        await Promise.all([onReplica.endedByHub(1_500), onHub.endedByHub(1_500)]);
        const after = await contact();
        expect((await longPoll).status).toBe(401);
        expect((await call(url, 'GET', '/v1/feed', oldToken)).status).toBe(401);
        const renewed = (await EventStream.open(replicaUrl, ggz.token)) as EventStream;
        await renewed.receives(after);
        await renewed.close();
        expect(onReplica.text + onHub.text).not.toContain(after);
      },
      RUN_TIMEOUT_MS,
    );

    it(
      "ends a revoked partner's streams and stops its webhooks at once",
      async () => {
        const received = await endpoint();
        const subscribed = await subscribe(werk, received.url);
        expect(subscribed.status).toBe(201);
        const stream = (await EventStream.open(replicaUrl, werk.token)) as EventStream;
        const before = await contact();
        await stream.receives(before);
        await eventually(() => received.calls.length === 1, 10_000, 'no webhook call');

        expect((await admin('DELETE', `/${werk.id}`)).status).toBe(204);

        await stream.endedByHub(1_500);
        const after = await contact();
        // The other partners' deliveries of that event show that it went out.
        const witness = (await EventStream.open(url, huisarts.token)) as EventStream;
        await witness.receives(after);
        await witness.close();
        await pause(1_000);
        expect(received.calls.map(({ event }) => event.id)).not.toContain(after);
        expect(received.calls).toHaveLength(1);
        const { rows } = await db.pool.query(
          'SELECT id FROM webhook_subscriptions WHERE partner_id = $1',
          [werk.id],
        );
        expect(rows).toEqual([]);
        expect((await call(url, 'GET', '/v1/subscriptions', werk.token)).status).toBe(401);
      },
      RUN_TIMEOUT_MS,
    );
  });

  describe('case 10: open event streams per partner', () => {
    it(
      'refuses a stream over SSE_MAX_STREAMS with a problem, and frees the slot of a closed one',
      async () => {
        const open = await Promise.all(
          Array.from({ length: SSE_MAX_STREAMS }, () => EventStream.open(url, huisarts.token)),
        );
        expect(open.every((stream) => stream instanceof EventStream)).toBe(true);

        const refused = (await EventStream.open(url, huisarts.token)) as Response;
        expect(refused.status).toBe(429);
        expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(await refused.json()).toMatchObject({
          type: `${PROBLEMS}too-many-streams`,
          detail: expect.stringContaining(`${SSE_MAX_STREAMS} open event streams`),
        });

        await (open[0] as EventStream).close();
        let again: EventStream | Response | undefined;
        await eventually(
          async () => {
            again = await EventStream.open(url, huisarts.token);
            return again instanceof EventStream;
          },
          3_000,
          'the closed stream did not free its slot',
        );
        await (again as EventStream).close();
        await (open[1] as EventStream).close();
      },
      RUN_TIMEOUT_MS,
    );
  });

  describe('case 4: what lastError tells a partner', () => {
    it(
      'says "endpoint unreachable" or the class of the answer, never an errno or a status',
      async () => {
        const redirecting = await endpoint(302);
        const closed = await endpoint();
        const closedUrl = closed.url;
        await closed.close();
        const refused = await subscribe(huisarts, closedUrl);
        const moved = await subscribe(huisarts, redirecting.url);
        expect([refused.status, moved.status]).toEqual([201, 201]);

        await contact();
        const status = async (id: string) =>
          (await call(url, 'GET', `/v1/subscriptions/${id}`, huisarts.token)).body;
        await eventually(
          async () =>
            (await status(refused.body.id)).lastError !== null &&
            (await status(moved.body.id)).lastError !== null,
          10_000,
          'no failed attempt',
        );

        expect((await status(refused.body.id)).lastError).toBe('endpoint unreachable');
        expect((await status(moved.body.id)).lastError).toBe('the endpoint answered 3xx');
        // The redirect to /elsewhere on the same endpoint was not followed.
        expect(redirecting.calls.map(({ url: path }) => path)).not.toContain('/elsewhere');
        for (const { body } of [refused, moved]) {
          await call(url, 'DELETE', `/v1/subscriptions/${body.id}`, huisarts.token);
        }
      },
      RUN_TIMEOUT_MS,
    );
  });

  describe('case 5: one partner with slow endpoints', () => {
    it(
      'holds WEBHOOK_MAX_SUBSCRIPTIONS at most, and does not hold up another partner',
      async () => {
        const slow = await endpoint(204, SLOW_ANSWER_MS);
        const held: string[] = [];
        for (let index = 0; index < WEBHOOK_MAX_SUBSCRIPTIONS; index += 1) {
          const { status, body } = await subscribe(ggz, `${slow.url}?n=${index}`);
          expect(status).toBe(201);
          held.push(body.id);
        }
        // Created last, so the slow partner's subscriptions are first in line.
        const other = await endpoint();
        expect((await subscribe(huisarts, other.url)).status).toBe(201);
        for (let event = 0; event < 3; event += 1) await contact();
        const last = await contact();

        // Every slow subscription owes four calls of 3 s each: 12 s while holding a slot.
        await eventually(
          () => other.calls.some(({ event }) => event?.id === last),
          5_000,
          "the other partner's webhook did not get its events",
        );
        expect(slow.calls.length).toBeGreaterThan(0);

        const over = await subscribe(ggz, `${slow.url}?n=over`);
        expect(over.status).toBe(409);
        expect(over.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        expect(over.body).toMatchObject({ type: `${PROBLEMS}too-many-subscriptions` });

        for (const id of held) await call(url, 'DELETE', `/v1/subscriptions/${id}`, ggz.token);
      },
      RUN_TIMEOUT_MS,
    );
  });

  describe('case 4: where webhooks may go (WEBHOOK_ALLOW_LOOPBACK_HTTP off)', () => {
    let strict: string;
    let stored: Endpoint;

    beforeAll(async () => {
      // A subscription made while loopback was allowed: as a name that now resolves to it would.
      stored = await endpoint();
      expect((await subscribe(huisarts, stored.url)).status).toBe(201);
      await replica.stop();
      await hub.stop();
      hub = startHub({});
      strict = await hub.ready();
    }, RUN_TIMEOUT_MS);

    it.each([
      'http://partner.example.nl/hook',
      'https://169.254.169.254/latest/meta-data/',
      'https://10.0.0.1/hook',
      'https://192.168.1.10/hook',
      'https://100.64.0.1/hook',
      'https://[::1]/hook',
      'https://[::ffff:10.0.0.1]/hook',
      'https://[fd00:ec2::254]/hook',
      'https://0.0.0.0/hook',
      'https://metadata.google.internal/computeMetadata/v1/',
      'http://127.0.0.1:9/hook',
      'https://localhost/hook',
      'https://does-not-resolve.invalid/hook',
    ])('refuses %s when subscribing, as a validation problem', async (endpointUrl) => {
      const { status, headers, body } = await subscribe(huisarts, endpointUrl, strict);
      // Never left standing if it was accepted (today's hub): nothing is sent to it.
      if (status === 201)
        await call(strict, 'DELETE', `/v1/subscriptions/${body.id}`, huisarts.token);

      expect(status).toBe(400);
      expect(headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(body).toMatchObject({
        type: `${PROBLEMS}validation-failed`,
        errors: [{ path: 'url' }],
      });
    });

    it(
      'refuses at connect time an endpoint that is no longer allowed, and says only "unreachable"',
      async () => {
        url = strict;
        await contact();
        const { body } = await call(strict, 'GET', '/v1/subscriptions', huisarts.token);
        const subscription = (body as Json[]).find(({ url: at }) => at === stored.url)!;
        await eventually(
          async () =>
            (await call(strict, 'GET', `/v1/subscriptions/${subscription.id}`, huisarts.token)).body
              .lastError !== null,
          10_000,
          'no attempt was made',
        );

        expect(
          (await call(strict, 'GET', `/v1/subscriptions/${subscription.id}`, huisarts.token)).body
            .lastError,
        ).toBe('endpoint unreachable');
        expect(stored.calls).toEqual([]);
      },
      RUN_TIMEOUT_MS,
    );
  });
});
