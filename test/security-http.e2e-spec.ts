import { request as httpRequest } from 'node:http';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { BuiltProcess } from './support/built-hub';
import { registerPartner } from './support/partner-registration';

// Issue 11's attacks on the HTTP platform, against the hub as operators run it: each test sends
// what the review sent and shows the hole closed.
const PROBLEMS = 'https://samenloop.nl/problems/';
const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
const RUN_TIMEOUT_MS = 90_000;
const ADMIN_TOKEN = 'admin-token-for-the-security-http-e2e';
const METRICS_TOKEN = 'metrics-token-for-the-security-http-e2e';
const DEMO_PASSWORD = 'demo-password-security-http-e2e';
const RATE_LIMIT = 30;
/** Long enough for an answer on a busy machine, far shorter than the 26 s the review saw. */
const ANSWER_WITHIN_MS = 10_000;

/** `[[[...]]]`, the body of the review's case 1, `bytes` long. */
const nestedArrays = (bytes: number) => '['.repeat(bytes / 2) + ']'.repeat(bytes / 2);
/** The rate limit counts per second: after this, every caller starts afresh. */
const nextWindow = () => new Promise((resolve) => setTimeout(resolve, 1_100));

describe('the built hub under attack over HTTP (issue 11)', () => {
  let db: TestDatabase;
  let hub: BuiltProcess;
  let url: string;
  let partner: { id: string; token: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    hub = BuiltProcess.startHub(db.url, {
      DEMO_PARTNERS: 'on',
      DEMO_ACCOUNT_PASSWORD: DEMO_PASSWORD,
      SAMENLOOP_ADMIN_TOKEN: ADMIN_TOKEN,
      METRICS_TOKEN,
      RATE_LIMIT_PER_SECOND: String(RATE_LIMIT),
    });
    url = await hub.ready();
    partner = await registerPartner(url, ADMIN_TOKEN, 'ggz-security', 'mental-health');
  }, RUN_TIMEOUT_MS);

  afterAll(async () => {
    await hub?.stop('SIGKILL');
    await db?.drop();
  });

  const post = (path: string, body: string, contentType: string, token?: string) =>
    fetch(`${url}${path}`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        // As a browser on the hub's own page sends it: the origin check is not what is tested here.
        origin: url,
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body,
      signal: AbortSignal.timeout(ANSWER_WITHIN_MS),
    });
  /**
   * Announces a body the hub must refuse by its declared length alone and sends its first 64 KiB,
   * then waits for the answer. Sending all of it would race the hub, which answers and closes the
   * connection without reading the rest: the client's write may then fail (EPIPE) before it reads
   * the answer.
   */
  const postOversized = (path: string, body: string, contentType: string) =>
    new Promise<Response>((resolve, reject) => {
      let answered = false;
      const request = httpRequest(
        `${url}${path}`,
        {
          method: 'POST',
          headers: {
            'content-type': contentType,
            'content-length': String(Buffer.byteLength(body)),
            origin: url,
          },
          timeout: ANSWER_WITHIN_MS,
        },
        (response) => {
          answered = true;
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (typeof value === 'string') headers.set(name, value);
            }
            resolve(new Response(Buffer.concat(chunks), { status: response.statusCode, headers }));
            request.destroy();
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error('no answer in time')));
      request.on('error', (error) => {
        if (!answered) reject(error);
      });
      request.write(body.slice(0, 65_536));
    });
  const live = () => fetch(`${url}/health/live`, { signal: AbortSignal.timeout(ANSWER_WITHIN_MS) });
  const problemOf = async (response: Response) => {
    expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
    return (await response.json()) as { type: string; status: number; detail?: string };
  };

  describe('case 1: one body freezes the hub', () => {
    it('refuses the 5 MB nested body to sign-in at once, and stays live', async () => {
      const attack = postOversized(
        '/v1/dashboard/session',
        nestedArrays(5_000_000),
        'application/json',
      );
      const meanwhile = await live();
      const answer = await attack;

      expect(meanwhile.status).toBe(200);
      expect(answer.status).toBe(413);
      expect(await problemOf(answer)).toMatchObject({
        type: `${PROBLEMS}payload-too-large`,
        detail: 'The body is larger than 64 KiB, the most this route accepts.',
      });
    });

    it('refuses a deep body that fits the limit before validating it', async () => {
      const answer = await post('/v1/dashboard/session', nestedArrays(60_000), 'application/json');

      expect(answer.status).toBe(400);
      expect(await problemOf(answer)).toMatchObject({ type: `${PROBLEMS}body-too-complex` });
    });

    it('reads a 5 MB nested body on the event intake, the one large route, and refuses it while staying live', async () => {
      for (const token of [undefined, partner.token]) {
        const attack = post(
          '/v1/events',
          nestedArrays(5_000_000),
          'application/cloudevents-batch+json',
          token,
        );
        const meanwhile = await live();
        const answer = await attack;

        expect(meanwhile.status).toBe(200);
        expect(answer.status).toBe(400);
        expect(await problemOf(answer)).toMatchObject({ type: `${PROBLEMS}body-too-complex` });
      }
    });

    it('refuses a 5 MB body of a million values on the event intake before parsing it, and stays live', async () => {
      const attack = post(
        '/v1/events',
        `[${'[],'.repeat(1_600_000)}[]]`,
        'application/cloudevents-batch+json',
        partner.token,
      );
      const meanwhile = await live();
      const answer = await attack;

      expect(meanwhile.status).toBe(200);
      expect(answer.status).toBe(400);
      expect(await problemOf(answer)).toMatchObject({ type: `${PROBLEMS}body-too-complex` });
    });

    it('keeps room for a batch on the event intake: a 1 MB batch is read, not refused for size', async () => {
      const padding = 'x'.repeat(1_000_000);
      const answer = await post(
        '/v1/events',
        JSON.stringify([{ specversion: '1.0', padding }]),
        'application/cloudevents-batch+json',
        partner.token,
      );

      expect(answer.status).toBe(200);
      const { results } = (await answer.json()) as { results: { status: number }[] };
      expect(results.map(({ status }) => status)).toEqual([400]);
    });

    it('keeps the 64 KiB limit for subscriptions and the admin API', async () => {
      const large = JSON.stringify({ url: `https://example.org/${'x'.repeat(70_000)}` });
      const subscription = await post(
        '/v1/subscriptions',
        large,
        'application/json',
        partner.token,
      );
      const admin = await post('/v1/admin/partners', large, 'application/json', ADMIN_TOKEN);

      for (const answer of [subscription, admin]) {
        expect(answer.status).toBe(413);
        expect(await problemOf(answer)).toMatchObject({ type: `${PROBLEMS}payload-too-large` });
      }
    });
  });

  describe('case 7: rate limit keyed on the raw Authorization header', () => {
    afterEach(nextWindow);

    it('counts made-up tokens against the address, while a valid partner keeps its own bucket', async () => {
      await nextWindow();
      const madeUp = await Promise.all(
        Array.from({ length: 3 * RATE_LIMIT }, (_, n) =>
          fetch(`${url}/v1/feed`, { headers: { authorization: `Bearer made-up-token-${n}` } }),
        ),
      );
      const asPartner = await fetch(`${url}/v1/feed`, {
        headers: { authorization: `Bearer ${partner.token}` },
      });

      const statuses = madeUp.map(({ status }) => status);
      expect(statuses).toContain(429);
      expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(RATE_LIMIT);
      expect(asPartner.status).toBe(200);
    });
  });

  describe('case 6: the per-address limit behind a proxy', () => {
    afterEach(nextWindow);

    it('does not believe an X-Forwarded-For from a proxy it was not told to trust', async () => {
      await nextWindow();
      const forged = await Promise.all(
        Array.from({ length: 3 * RATE_LIMIT }, (_, n) =>
          fetch(`${url}/health/live`, {
            headers: { 'x-forwarded-for': `198.51.100.${n % 250}` },
          }),
        ),
      );

      expect(forged.map(({ status }) => status)).toContain(429);
    });
  });

  describe('case 10: login CSRF and exposure', () => {
    it.each([
      [
        'a form-encoded',
        'application/x-www-form-urlencoded',
        `username=auditor&password=${DEMO_PASSWORD}`,
      ],
      [
        'a plain-text',
        'text/plain',
        JSON.stringify({ username: 'auditor', password: DEMO_PASSWORD }),
      ],
    ])('refuses %s sign-in with 415 and sets no cookie', async (_case, contentType, body) => {
      const answer = await post('/v1/dashboard/session', body, contentType);

      expect(answer.status).toBe(415);
      expect(answer.headers.get('set-cookie')).toBeNull();
      expect(await problemOf(answer)).toMatchObject({ type: `${PROBLEMS}unsupported-media-type` });
    });

    it('still signs in with JSON, as the dashboard sends it', async () => {
      const body = JSON.stringify({ username: 'auditor', password: DEMO_PASSWORD });
      const answer = await post('/v1/dashboard/session', body, 'application/json');

      expect(answer.status).toBe(200);
      expect(answer.headers.get('set-cookie')).toMatch(/^samenloop_session=/);
    });

    it.each(['/metrics', '/health/projections'])(
      'serves %s to METRICS_TOKEN and the admin token only',
      async (path) => {
        const as = (token?: string) =>
          fetch(`${url}${path}`, {
            headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
          });

        for (const refused of [undefined, partner.token, 'made-up-token']) {
          const answer = await as(refused);
          expect(answer.status).toBe(401);
          expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
          expect(await problemOf(answer)).toMatchObject({ type: `${PROBLEMS}unauthorized` });
        }
        expect((await as(METRICS_TOKEN)).status).toBe(200);
        expect((await as(ADMIN_TOKEN)).status).toBe(200);
      },
    );

    it('keeps /health/live and /health/ready public, naming no partner', async () => {
      for (const path of ['/health/live', '/health/ready']) {
        const answer = await fetch(`${url}${path}`);
        expect(answer.status).toBe(200);
        expect(await answer.text()).not.toContain(partner.id);
      }
    });

    it('logs no OIDC code or state from a request URL', async () => {
      await fetch(`${url}/v1/auth/oidc/callback?code=SECRET-OIDC-CODE&state=SECRET-OIDC-STATE`);
      const logged = async () => hub.stdout.includes('/v1/auth/oidc/callback?code=[redacted]');
      for (let waited = 0; !(await logged()) && waited < 5_000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }

      expect(hub.stdout).toContain('/v1/auth/oidc/callback?code=[redacted]&state=[redacted]');
      expect(hub.stdout).not.toMatch(/SECRET-OIDC-(CODE|STATE)/);
    });
  });

  describe("case 12: the framework's own errors", () => {
    it.each([
      [
        'malformed JSON',
        () => post('/v1/dashboard/session', '{"username": ', 'application/json'),
        400,
        'malformed-body',
        'The body is not valid JSON.',
      ],
      [
        'malformed CloudEvents JSON',
        () => post('/v1/events', '{"id": ', 'application/cloudevents+json', partner.token),
        400,
        'malformed-body',
        'The body is not valid JSON.',
      ],
      [
        'an empty JSON body',
        () => post('/v1/dashboard/session', '', 'application/json'),
        400,
        'malformed-body',
        'The body is empty, but its content type says JSON.',
      ],
      [
        'a body over the limit',
        () => post('/v1/dashboard/session', 'x'.repeat(70_000), 'application/json'),
        413,
        'payload-too-large',
        'The body is larger than 64 KiB, the most this route accepts.',
      ],
      [
        'an XML body',
        () => post('/v1/dashboard/session', '<signIn/>', 'application/xml'),
        415,
        'unsupported-media-type',
        'Send the body as JSON: application/json, application/cloudevents+json, application/cloudevents-batch+json.',
      ],
      [
        'malformed JSON to an unknown route',
        () => post('/no/such/route', '{', 'application/json'),
        400,
        'malformed-body',
        'The body is not valid JSON.',
      ],
      [
        'an unknown route',
        () => fetch(`${url}/no/such/route`),
        404,
        'not-found',
        'Cannot GET /no/such/route',
      ],
      [
        'a URL that does not decode',
        () => fetch(`${url}/v1/%zz`),
        400,
        'bad-request',
        'The URL is not valid: a %-escape in it does not decode.',
      ],
    ])('answers %s with problem+json', async (_case, send, status, type, detail) => {
      const answer = await send();

      expect(answer.status).toBe(status);
      expect(await problemOf(answer)).toMatchObject({ type: `${PROBLEMS}${type}`, status, detail });
    });
  });
});
