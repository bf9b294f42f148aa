import { findFreePort } from '@samenloop/platform';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { BuiltProcess } from './support/built-hub';
import { FakeIssuer } from './support/oidc-issuer';
import { outcome } from './support/problems';

// Issue 11, cases 6, 9 and 10: the built hub's sign-in attacked as the review did.
const RUN_TIMEOUT_MS = 120_000;
const PASSWORD = 'demo-password-signin-e2e';
const CALLBACK = '/v1/auth/oidc/callback';

interface Answer {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

describe('the built hub’s sign-in under attack', () => {
  let db: TestDatabase;
  let issuer: FakeIssuer;
  let hub: BuiltProcess;
  let url: string;

  const call = async (
    method: string,
    path: string,
    { headers = {}, body }: { headers?: Record<string, string>; body?: object } = {},
  ): Promise<Answer> => {
    const response = await fetch(`${url}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text && JSON.parse(text) };
  };
  const signIn = (username: string, password: string, headers: Record<string, string> = {}) =>
    call('POST', '/v1/dashboard/session', {
      headers: { origin: url, ...headers },
      body: { username, password },
    });
  const cookieNamed = (answer: Answer, name: string) =>
    answer.headers
      .getSetCookie()
      .find((cookie) => cookie.startsWith(`${name}=`))
      ?.split(';')[0];
  const sleep = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

  beforeAll(async () => {
    db = await createTestDatabase();
    issuer = await FakeIssuer.start();
    const port = await findFreePort();
    url = `http://127.0.0.1:${port}`;
    hub = BuiltProcess.start('hub', {
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DEMO_PARTNERS: 'on',
      DEMO_ACCOUNT_PASSWORD: PASSWORD,
      ...issuer.env,
    });
    await hub.ready();
  }, RUN_TIMEOUT_MS);

  afterAll(async () => {
    await hub?.stop('SIGKILL');
    await issuer?.close();
    await db?.drop();
  });

  describe('login CSRF (case 10)', () => {
    it.each([
      ['another site’s Origin', { origin: 'https://evil.example' }],
      ['an opaque Origin from another site', { origin: 'null', 'sec-fetch-site': 'cross-site' }],
      ['another site’s Referer', { origin: '', referer: 'https://evil.example/x' }],
      ['neither Origin nor Referer', { origin: '' }],
    ])('refuses a sign-in with %s, 403 problem+json', async (_case, headers) => {
      const sent = Object.fromEntries(Object.entries(headers).filter(([, value]) => value));
      const refused = await call('POST', '/v1/dashboard/session', {
        headers: sent,
        body: { username: 'admin', password: PASSWORD },
      });

      expect(outcome(refused)).toBe('403 cross-origin-request');
      expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(refused.headers.get('set-cookie')).toBeNull();
    });

    it('refuses signing a session out from another site, and keeps the session', async () => {
      const signedIn = await signIn('auditor', PASSWORD);
      expect(signedIn.status).toBe(200);
      expect(signedIn.headers.get('set-cookie')).toMatch(/; HttpOnly; SameSite=Strict;/);
      const cookie = cookieNamed(signedIn, 'samenloop_session')!;

      const forged = await call('DELETE', '/v1/dashboard/session', {
        headers: { cookie, origin: 'https://evil.example' },
      });
      expect(outcome(forged)).toBe('403 cross-origin-request');
      expect((await call('GET', '/v1/dashboard/session', { headers: { cookie } })).status).toBe(
        200,
      );

      const own = await call('DELETE', '/v1/dashboard/session', {
        headers: { cookie, origin: url },
      });
      expect(own.status).toBe(204);
    });
  });

  describe('password guessing (case 6)', () => {
    it(
      'checks at most 5 of 15 wrong passwords sent at once, delays the rest with 429, then lets the right one in',
      async () => {
        const answers = await Promise.all(
          Array.from({ length: 15 }, (_, i) => signIn('admin', `guess ${i}`)),
        );
        const outcomes = answers.map(outcome);

        expect(outcomes.filter((o) => o === '401 invalid-credentials')).toHaveLength(5);
        expect(outcomes.filter((o) => o === '429 too-many-sign-in-attempts')).toHaveLength(10);
        const delayed = answers.find(({ status }) => status === 429)!;
        expect(delayed.headers.get('content-type')).toMatch(/^application\/problem\+json/);
        const retryAfter = Number(delayed.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThanOrEqual(1);

        // A delay, not a 15-minute lockout: once it has passed, the right password signs in.
        await sleep(retryAfter);
        expect((await signIn('admin', PASSWORD)).status).toBe(200);
      },
      RUN_TIMEOUT_MS,
    );

    it(
      'counts the connection’s address, whatever X-Forwarded-For says (no TRUST_PROXY)',
      async () => {
        // Every attempt another account and another claimed address: only the real address,
        // counted at 20 free failures, can be what delays them.
        const answers = await Promise.all(
          Array.from({ length: 25 }, (_, i) =>
            signIn(`nobody-${i}`, 'guess', { 'x-forwarded-for': `203.0.113.${i + 1}` }),
          ),
        );
        const outcomes = answers.map(outcome);

        expect(outcomes.filter((o) => o === '401 invalid-credentials').length).toBeLessThanOrEqual(
          20,
        );
        expect(outcomes).toContain('429 too-many-sign-in-attempts');
      },
      RUN_TIMEOUT_MS,
    );
  });

  describe('OpenID Connect (case 9)', () => {
    const startLogin = async (returnTo: string, headers: Record<string, string> = {}) => {
      const login = await call(
        'GET',
        `/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`,
        { headers },
      );
      expect(login.status).toBe(302);
      const location = login.headers.get('location')!;
      return {
        location,
        state: new URL(location).searchParams.get('state')!,
        binding: cookieNamed(login, 'samenloop_oidc'),
        setCookie: login.headers.get('set-cookie'),
      };
    };
    const asAdmin = { sub: 'u-9', samenloop_role: 'admin' };
    const callback = (state: string, code: string, cookie?: string) =>
      call('GET', `${CALLBACK}?state=${state}&code=${code}`, {
        headers: cookie ? { cookie } : {},
      });

    it('sends the issuer the configured redirect URI, never one from X-Forwarded-Host', async () => {
      const login = await startLogin('/dashboard/', {
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
      });

      expect(new URL(login.location).searchParams.get('redirect_uri')).toBe(`${url}${CALLBACK}`);
    });

    it('returns to the dashboard, never off-site, for returnTo=/%09/evil.example/x', async () => {
      const login = await startLogin('/\t/evil.example/x');
      const back = await callback(
        login.state,
        issuer.authorize(login.location, asAdmin),
        login.binding,
      );

      expect(back.status).toBe(302);
      expect(back.headers.get('location')).toBe('/dashboard/');
      expect(cookieNamed(back, 'samenloop_session')).toBeDefined();
    });

    it('binds the state to an HttpOnly cookie: a callback without it signs no one in', async () => {
      const login = await startLogin('/dashboard/');
      expect(login.setCookie).toMatch(
        /^samenloop_oidc=[\w-]{43}; Path=\/v1\/auth\/oidc; HttpOnly; SameSite=Lax; Max-Age=600$/,
      );
      const code = issuer.authorize(login.location, asAdmin);

      // The attacker's own sign-in, completed in the victim's browser: no cookie, or another.
      const other = await startLogin('/dashboard/');
      const withoutCookie = await callback(login.state, code);
      const withAnother = await callback(login.state, code, other.binding);

      for (const refused of [withoutCookie, withAnother]) {
        expect(outcome(refused)).toBe('400 oidc-state-invalid');
        expect(cookieNamed(refused, 'samenloop_session')).toBeUndefined();
      }
    });
  });

  it(
    'will not start OpenID Connect without PUBLIC_URL or OIDC_REDIRECT_URI: one line, exit 1',
    async () => {
      const misconfigured = BuiltProcess.start('hub', {
        DATABASE_URL: db.url,
        PORT: '0',
        HOST: '127.0.0.1',
        ...issuer.env,
      });
      const started = await misconfigured.listeningUrl().then(
        () => true,
        () => false,
      );
      const { code, stderr } = await misconfigured.stop();

      expect(started).toBe(false);
      expect(code).toBe(1);
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/OpenID Connect sign-in needs PUBLIC_URL \(or OIDC_REDIRECT_URI\)/);
    },
    RUN_TIMEOUT_MS,
  );
});
