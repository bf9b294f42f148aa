import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export const CLIENT_ID = 'samenloop-dashboard';
export const CLIENT_SECRET = randomBytes(16).toString('hex');

interface Grant {
  redirectUri: string;
  challenge: string;
  token: () => Promise<string>;
}

/**
 * A small OpenID Connect issuer on 127.0.0.1: discovery, its keys, and a token endpoint that
 * checks the client's secret and the PKCE verifier. The "user" signs in by `authorize`.
 */
export class FakeIssuer {
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

  /** The hub's settings that sign in at this issuer. */
  get env(): Record<string, string> {
    return { OIDC_ISSUER: this.url, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET };
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
