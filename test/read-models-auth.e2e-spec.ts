import { ReadModelsModule, readModelsMigrations } from '@samenloop/read-models';
import { AccountsService } from '@samenloop/identity';
import { HubHarness, type TestPartner } from './support/hub-harness';
import { FakeIssuer } from './support/oidc-issuer';
import { outcome } from './support/problems';

// Where the issuer sends browsers back; the tests call the callback themselves.
const HUB_ORIGIN = 'https://hub.example';

describe('signing in to the dashboard', () => {
  let hub: HubHarness;
  let issuer: FakeIssuer;
  let ggz: TestPartner;
  const PASSWORD = 'correct horse battery staple';

  // As a browser on the hub's own page sends it: with the page's origin on every change.
  const call = async (
    method: string,
    path: string,
    { cookie, body }: { cookie?: string; body?: object } = {},
  ) => {
    const response = await fetch(`${hub.url}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(method === 'GET' ? {} : { origin: hub.url }),
        ...(cookie ? { cookie } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : undefined,
    };
  };
  const cookieOf = (headers: Headers) => headers.get('set-cookie')!.split(';')[0]!;

  beforeAll(async () => {
    issuer = await FakeIssuer.start();
    hub = await HubHarness.start({
      imports: [ReadModelsModule],
      migrations: readModelsMigrations,
      env: { ...issuer.env, OIDC_REDIRECT_URI: `${HUB_ORIGIN}/v1/auth/oidc/callback` },
    });
    ggz = await hub.partner('mental-health', 'ggz');
    const accounts = hub.app.get(AccountsService);
    await accounts.create({
      username: 'Lead@GGZ',
      displayName: 'J. de Regie',
      role: 'case-lead',
      partnerId: ggz.id,
      password: PASSWORD,
    });
    await accounts.create({
      username: 'guessed',
      displayName: 'Target',
      role: 'admin',
      password: PASSWORD,
    });
  });

  afterAll(async () => {
    await hub?.close();
    await issuer?.close();
  });

  describe('with a local account', () => {
    it('sets an HttpOnly, SameSite=Strict session cookie and answers the session', async () => {
      const signedIn = await call('POST', '/v1/dashboard/session', {
        body: { username: 'lead@ggz', password: PASSWORD },
      });

      expect(signedIn.status).toBe(200);
      expect(signedIn.body).toEqual({
        user: 'lead@ggz',
        displayName: 'J. de Regie',
        role: 'case-lead',
        partner: { id: ggz.id, kind: 'mental-health', name: 'Test ggz' },
      });
      expect(signedIn.headers.get('set-cookie')).toMatch(
        /^samenloop_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/,
      );
      const cookie = cookieOf(signedIn.headers);
      expect((await call('GET', '/v1/dashboard/session', { cookie })).body).toEqual(signedIn.body);

      const signedOut = await call('DELETE', '/v1/dashboard/session', { cookie });
      expect(signedOut.status).toBe(204);
      expect(signedOut.headers.get('set-cookie')).toMatch(/Max-Age=0/);
      expect(outcome(await call('GET', '/v1/dashboard/session', { cookie }))).toBe(
        '401 unauthorized',
      );
    });

    it('refuses a wrong password, and slows down guessing with 429 and Retry-After', async () => {
      const attempt = (password: string) =>
        call('POST', '/v1/dashboard/session', { body: { username: 'guessed', password } });
      for (let failure = 1; failure <= 5; failure++) {
        expect(outcome(await attempt(`guess ${failure}`))).toBe('401 invalid-credentials');
      }
      const delayed = await attempt(PASSWORD);
      expect(outcome(delayed)).toBe('429 too-many-sign-in-attempts');
      const retryAfter = Number(delayed.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);

      // A delay, not a lockout: once it has passed, the right password signs in.
      await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
      expect((await attempt(PASSWORD)).status).toBe(200);
    });

    it('says nothing about which accounts exist', async () => {
      const unknown = await call('POST', '/v1/dashboard/session', {
        body: { username: 'nobody', password: 'x' },
      });
      expect(unknown.body).toMatchObject({
        type: expect.stringMatching(/invalid-credentials$/),
        title: 'Wrong username or password',
      });
    });
  });

  describe('with OpenID Connect', () => {
    async function startLogin(returnTo = '/dashboard/clients') {
      const login = await call(
        'GET',
        `/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`,
      );
      expect(login.status).toBe(302);
      const location = login.headers.get('location')!;
      expect(location.startsWith(`${issuer.url}/authorize?`)).toBe(true);
      expect(new URL(location).searchParams.get('redirect_uri')).toBe(
        `${HUB_ORIGIN}/v1/auth/oidc/callback`,
      );
      const state = new URL(location).searchParams.get('state')!;
      return { location, state, binding: cookieOf(login.headers) };
    }
    const callback = ({ state, binding }: { state: string; binding: string }, code: string) =>
      call('GET', `/v1/auth/oidc/callback?state=${state}&code=${code}`, { cookie: binding });

    it('signs a case lead in through the issuer, with PKCE and a checked ID token', async () => {
      const login = await startLogin('/dashboard/clients');
      const code = issuer.authorize(login.location, {
        sub: 'u-17',
        name: 'M. Bakker',
        samenloop_role: 'case-lead',
        samenloop_partner: ggz.id,
      });

      const back = await callback(login, code);

      expect(back.status).toBe(302);
      expect(back.headers.get('location')).toBe('/dashboard/clients');
      const session = await call('GET', '/v1/dashboard/session', {
        cookie: back.headers
          .getSetCookie()
          .find((cookie) => cookie.startsWith('samenloop_session='))!
          .split(';')[0],
      });
      expect(session.body).toEqual({
        user: 'u-17',
        displayName: 'M. Bakker',
        role: 'case-lead',
        partner: { id: ggz.id, kind: 'mental-health', name: 'Test ggz' },
      });
      // A state is good for one sign-in only.
      expect(outcome(await callback(login, code))).toBe('400 oidc-state-invalid');
    });

    it.each([
      ['another nonce', { nonce: 'replayed' }, /nonce/],
      ['another audience', { aud: 'someone-else' }, /"aud"/],
      ['several audiences and no azp', { aud: ['samenloop-dashboard', 'another-app'] }, /"azp"/],
      ['another issuer', { iss: 'https://evil.example' }, /"iss"/],
      ['an expired token', { exp: Math.floor(Date.now() / 1000) - 60 }, /"exp"/],
    ])('refuses an ID token with %s', async (_case, tamper, reason) => {
      const login = await startLogin();
      const code = issuer.authorize(
        login.location,
        { sub: 'u-1', samenloop_role: 'auditor' },
        tamper,
      );
      const refused = await callback(login, code);
      expect(outcome(refused)).toBe('401 oidc-sign-in-failed');
      expect(refused.body.detail).toMatch(reason);
    });

    it('refuses a user without a dashboard role, and never redirects off the hub', async () => {
      const login = await startLogin('//evil.example/');
      const code = issuer.authorize(login.location, { sub: 'u-2' });
      expect(outcome(await callback(login, code))).toBe('403 oidc-role-missing');

      const again = await startLogin('https://evil.example/dashboard/');
      const back = await callback(
        again,
        issuer.authorize(again.location, { sub: 'u-3', samenloop_role: 'admin' }),
      );
      expect(back.headers.get('location')).toBe('/dashboard/');
    });
  });
});
