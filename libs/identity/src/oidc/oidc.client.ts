import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ProblemException } from '@samenloop/platform';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { IdentitySettings, type OidcSettings } from '../identity.settings';

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  jwks_uri: string;
}

export interface AuthorizationRequest {
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
}

export function signInFailed(detail: string, cause?: unknown): ProblemException {
  return new ProblemException(
    {
      status: 401,
      type: 'oidc-sign-in-failed',
      title: 'Sign-in with the identity provider failed',
      detail,
    },
    { cause },
  );
}

const random = () => randomBytes(32).toString('base64url');

/** An issuer that does not answer must not hold a sign-in (and its connection) for long. */
const ISSUER_TIMEOUT_MS = 10_000;

// jose 6 is an ES module only: imported on first use, so a process that never signs anyone in
// with OpenID Connect (the projector, the command line) never loads it.
const jose = () => import('jose');

/**
 * The hub as an OpenID Connect relying party: server-side authorization-code flow with PKCE, the
 * ID token checked with jose against the issuer's published keys (signature, iss, aud, exp,
 * nonce). Discovery and keys are fetched once and kept; a failed discovery is retried next time.
 */
@Injectable()
export class OidcClient {
  private discovery?: Promise<Discovery>;
  private keys?: JWTVerifyGetKey;

  constructor(private readonly settings: IdentitySettings) {}

  get configured(): OidcSettings {
    const oidc = this.settings.oidc;
    if (!oidc) {
      throw new ProblemException({
        status: 404,
        type: 'oidc-not-configured',
        title: 'Sign-in with OpenID Connect is not configured',
        detail:
          'set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET, or sign in with a local account',
      });
    }
    return oidc;
  }

  /** A new sign-in, sent back to the configured redirect URI only. */
  newRequest(): AuthorizationRequest {
    const { redirectUri } = this.configured;
    return { state: random(), nonce: random(), codeVerifier: random(), redirectUri };
  }

  async authorizationUrl({
    state,
    nonce,
    codeVerifier,
    redirectUri,
  }: AuthorizationRequest): Promise<string> {
    const url = new URL((await this.discover()).authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: this.configured.clientId,
      redirect_uri: redirectUri,
      scope: 'openid profile email',
      state,
      nonce,
      code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return url.toString();
  }

  /** Trades the code for tokens and returns the verified ID token's claims. */
  async signIn(
    code: string,
    { nonce, codeVerifier, redirectUri }: AuthorizationRequest,
  ): Promise<JWTPayload> {
    const { clientId, clientSecret } = this.configured;
    const discovery = await this.discover();
    const credentials = `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`;
    const response = await fetch(discovery.token_endpoint, {
      method: 'POST',
      signal: AbortSignal.timeout(ISSUER_TIMEOUT_MS),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        authorization: `Basic ${Buffer.from(credentials).toString('base64')}`,
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: codeVerifier,
      }),
    }).catch((error: unknown) => {
      throw signInFailed('the token endpoint could not be reached', error);
    });
    const tokens = (await response.json().catch(() => ({}))) as {
      id_token?: unknown;
      error?: unknown;
    };
    if (!response.ok || typeof tokens.id_token !== 'string') {
      throw signInFailed(
        `the token endpoint answered ${response.status} ${String(tokens.error ?? '')}`.trim(),
      );
    }
    const { createRemoteJWKSet, jwtVerify } = await jose();
    this.keys ??= createRemoteJWKSet(new URL(discovery.jwks_uri));
    try {
      const { payload } = await jwtVerify(tokens.id_token, this.keys, {
        issuer: discovery.issuer,
        audience: clientId,
        requiredClaims: ['sub', 'exp', 'iat', 'nonce'],
      });
      if (payload.nonce !== nonce) throw new Error('the nonce is not the one this sign-in sent');
      // OpenID Connect Core 1.0 §3.1.3.7: a token for several audiences names who it was for.
      if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== clientId) {
        throw new Error('the token has several audiences and its "azp" is not this client');
      }
      return payload;
    } catch (error) {
      throw signInFailed(`the ID token is not valid: ${(error as Error).message}`, error);
    }
  }

  private discover(): Promise<Discovery> {
    this.discovery ??= this.fetchDiscovery().catch((error: unknown) => {
      this.discovery = undefined;
      throw signInFailed(`the issuer's discovery document: ${(error as Error).message}`, error);
    });
    return this.discovery;
  }

  private async fetchDiscovery(): Promise<Discovery> {
    const { issuer } = this.configured;
    const response = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, {
      signal: AbortSignal.timeout(ISSUER_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`answered ${response.status}`);
    const document = (await response.json()) as Partial<Discovery>;
    const { authorization_endpoint, token_endpoint, jwks_uri } = document;
    // OpenID Connect Discovery 1.0 §4.3: the document's issuer must be the one configured.
    if (document.issuer !== issuer || !authorization_endpoint || !token_endpoint || !jwks_uri) {
      throw new Error(`it names issuer ${document.issuer} or lacks its endpoints`);
    }
    return { issuer, authorization_endpoint, token_endpoint, jwks_uri };
  }
}
