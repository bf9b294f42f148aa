import type { AppConfig } from '@samenloop/platform';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /**
   * Where the issuer sends the browser back: OIDC_REDIRECT_URI, else PUBLIC_URL's callback path.
   * Never taken from a request, whose Host and X-Forwarded-Host the caller chooses.
   */
  redirectUri: string;
  /** The hub's origin as browsers see it: after signing in, only its dashboard is returned to. */
  origin: string;
  /** The ID-token claim holding the role (`case-lead`, `auditor` or `admin`). */
  roleClaim: string;
  /** The ID-token claim holding a case lead's partner id. */
  partnerClaim: string;
}

/** Sign-in's slice of the configuration loadConfig validated. */
export abstract class IdentitySettings {
  /** Sign-in with OpenID Connect; absent unless OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET are set. */
  abstract readonly oidc?: OidcSettings;
  /** The password of every seeded demo account; generated per account when absent. */
  abstract readonly demoAccountPassword?: string;
}

/** The OIDC callback's path on the hub. */
export const OIDC_CALLBACK_PATH = '/v1/auth/oidc/callback';

export function identitySettingsFrom(config: AppConfig): IdentitySettings {
  return { oidc: oidcSettingsFrom(config), demoAccountPassword: config.DEMO_ACCOUNT_PASSWORD };
}

function oidcSettingsFrom(config: AppConfig): OidcSettings | undefined {
  const {
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: clientId,
    OIDC_CLIENT_SECRET: clientSecret,
  } = config;
  const publicUrl = config.PUBLIC_URL;
  const redirectUri =
    config.OIDC_REDIRECT_URI ?? (publicUrl && `${publicUrl}${OIDC_CALLBACK_PATH}`);
  // loadConfig refuses a part of the issuer's three, and the three without a redirect URI.
  if (!issuer || !clientId || !clientSecret || !redirectUri) return undefined;
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    origin: publicUrl ?? new URL(redirectUri).origin,
    roleClaim: config.OIDC_ROLE_CLAIM,
    partnerClaim: config.OIDC_PARTNER_CLAIM,
  };
}
