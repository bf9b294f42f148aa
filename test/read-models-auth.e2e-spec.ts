import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { AccountsService, ReadModelsModule, readModelsMigrations } from '@samenloop/read-models';
import { HubHarness, type TestPartner } from './support/hub.harness';
import { outcome } from './support/problems';

const CLIENT_ID = 'samenloop-dashboard';
const CLIENT_SECRET = randomBytes(16).toString('hex');

interface Grant {
  redirectUri: string;
  challenge: string;
  token: () => Promise<string>;
}

/**
 * A small OpenID Connect issuer on 127.0.0.1: discovery, its keys, and a token endpoint that
 * checks the client's secret and the PKCE verifier. The "user" signs in by `authorize`.
 */
class FakeIssuer {
  private readonly grants = new Map<string, Grant>();
  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly sign: (claims: Record<string, unknown>) => Promise<string>,
    private readonly jwk: JWK,
  ) {}

  static async start(): Promise<FakeIssuer> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    const server = createServer(
      (request, response) =>
        void issuer
          .answer(request)
          .then(({ status, body }) =>
            response
              .writeHead(status, { 'content-type': 'application/json' })
              .end(JSON.stringify(body)),
          ),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sign = (claims: Record<string, unknown>) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).sign(privateKey);
    const issuer = new FakeIssuer(server, url, sign, jwk);
    return issuer;
  }

  /** The user signs in at the issuer for the authorization request in `location`; returns the code. */
  authorize(
    location: string,
    claims: Record<string, unknown>,
    tamper: Record<string, unknown> = {},
  ): string {
    const params = new URL(location).searchParams;
    expect(params.get('client_id')).toBe(CLIENT_ID);
    expect(params.get('code_challenge_method')).toBe('S256');
    const code = randomBytes(12).toString('hex');
    const now = Math.floor(Date.now() / 1000);
    this.grants.set(code, {
      redirectUri: params.get('redirect_uri')!,
      challenge: params.get('code_challenge')!,
      token: () =>
        this.sign({
          iss: this.url,
          aud: CLIENT_ID,
          iat: now,
          exp: now + 300,
          nonce: params.get('nonce'),
          ...claims,
          ...tamper,
        }),
    });
    return code;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage): Promise<{ status: number; body: unknown }> {
    const path = new URL(request.url!, this.url).pathname;
    if (path === '/.well-known/openid-configuration') {
      return {
        status: 200,
        body: {
          issuer: this.url,
          authorization_endpoint: `${this.url}/authorize`,
          token_endpoint: `${this.url}/token`,
          jwks_uri: `${this.url}/jwks`,
        },
      };
    }
    if (path === '/jwks') return { status: 200, body: { keys: [this.jwk] } };
    if (path !== '/token' || request.method !== 'POST') return { status: 404, body: {} };
    let text = '';
    for await (const chunk of request) text += chunk;
    const form = new URLSearchParams(text);
    const basic = Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64');
    const grant = this.grants.get(form.get('code') ?? '');
    this.grants.delete(form.get('code') ?? '');
    const verifier = createHash('sha256')
      .update(form.get('code_verifier') ?? '')
      .digest('base64url');
    if (
      request.headers.authorization !== `Basic ${basic}` ||
      form.get('grant_type') !== 'authorization_code' ||
      !grant ||
      grant.redirectUri !== form.get('redirect_uri') ||
      grant.challenge !== verifier
    ) {
      return { status: 400, body: { error: 'invalid_grant' } };
    }
    return {
      status: 200,
      body: { id_token: await grant.token(), access_token: 'a', token_type: 'Bearer' },
    };
  }
}

describe('signing in to the dashboard', () => {
  let hub: HubHarness;
  let issuer: FakeIssuer;
  let ggz: TestPartner;
  const PASSWORD = 'correct horse battery staple';

  const call = async (
    method: string,
    path: string,
    { cookie, body }: { cookie?: string; body?: object } = {},
  ) => {
    const response = await fetch(`${hub.url}${path}`, {
      method,
      redirect: 'manual',
      headers: {
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
    const oidc = {
      OIDC_ISSUER: issuer.url,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
    };
    Object.assign(process.env, oidc);
    try {
      hub = await HubHarness.start({
        imports: [ReadModelsModule],
        migrations: readModelsMigrations,
      });
    } finally {
      for (const name of Object.keys(oidc)) delete process.env[name];
    }
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
      const blocked = await attempt(PASSWORD);
      expect(outcome(blocked)).toBe('429 too-many-sign-in-attempts');
      expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(800);
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
    async function startLogin(returnTo = '/clients') {
      const login = await call(
        'GET',
        `/v1/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`,
      );
      expect(login.status).toBe(302);
      const location = login.headers.get('location')!;
      expect(location.startsWith(`${issuer.url}/authorize?`)).toBe(true);
      return { location, state: new URL(location).searchParams.get('state')! };
    }
    const callback = (state: string, code: string) =>
      call('GET', `/v1/auth/oidc/callback?state=${state}&code=${code}`);

    it('signs a case lead in through the issuer, with PKCE and a checked ID token', async () => {
      const { location, state } = await startLogin('/clients');
      const code = issuer.authorize(location, {
        sub: 'u-17',
        name: 'M. Bakker',
        samenloop_role: 'case-lead',
        samenloop_partner: ggz.id,
      });

      const back = await callback(state, code);

      expect(back.status).toBe(302);
      expect(back.headers.get('location')).toBe('/clients');
      const session = await call('GET', '/v1/dashboard/session', {
        cookie: cookieOf(back.headers),
      });
      expect(session.body).toEqual({
        user: 'u-17',
        displayName: 'M. Bakker',
        role: 'case-lead',
        partner: { id: ggz.id, kind: 'mental-health', name: 'Test ggz' },
      });
      // A state is good for one sign-in only.
      expect(outcome(await callback(state, code))).toBe('400 oidc-state-invalid');
    });

    it.each([
      ['another nonce', { nonce: 'replayed' }, /nonce/],
      ['another audience', { aud: 'someone-else' }, /"aud"/],
      ['another issuer', { iss: 'https://evil.example' }, /"iss"/],
      ['an expired token', { exp: Math.floor(Date.now() / 1000) - 60 }, /"exp"/],
    ])('refuses an ID token with %s', async (_case, tamper, reason) => {
      const { location, state } = await startLogin();
      const code = issuer.authorize(location, { sub: 'u-1', samenloop_role: 'auditor' }, tamper);
      const refused = await callback(state, code);
      expect(outcome(refused)).toBe('401 oidc-sign-in-failed');
      expect(refused.body.detail).toMatch(reason);
    });

    it('refuses a user without a dashboard role, and never redirects off the hub', async () => {
      const { location, state } = await startLogin('//evil.example/');
      const code = issuer.authorize(location, { sub: 'u-2' });
      expect(outcome(await callback(state, code))).toBe('403 oidc-role-missing');

      const again = await startLogin('https://evil.example/');
      const back = await callback(
        again.state,
        issuer.authorize(again.location, { sub: 'u-3', samenloop_role: 'admin' }),
      );
      expect(back.headers.get('location')).toBe('/');
    });
  });
});
