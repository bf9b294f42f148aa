import { ConfigError } from '@samenloop/platform';

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

/** Sign-in's settings, read from the environment. */
export abstract class IdentitySettings {
  /** Sign-in with OpenID Connect; absent unless OIDC_ISSUER, _CLIENT_ID and _CLIENT_SECRET are set. */
  abstract readonly oidc?: OidcSettings;
  /** The password of every seeded demo account; generated per account when absent. */
  abstract readonly demoAccountPassword?: string;
}

/** The OIDC callback's path on the hub. */
export const OIDC_CALLBACK_PATH = '/v1/auth/oidc/callback';

/** `publicUrl` is AppConfig's PUBLIC_URL, checked there. */
export function identitySettings(
  env: NodeJS.ProcessEnv = process.env,
  publicUrl?: string,
): IdentitySettings {
  const password = env.DEMO_ACCOUNT_PASSWORD || undefined;
  if (password !== undefined && password.length < 8) {
    throw new ConfigError(
      'Invalid configuration: DEMO_ACCOUNT_PASSWORD must be at least 8 characters',
    );
  }
  return { oidc: oidcSettings(env, publicUrl), demoAccountPassword: password };
}

function oidcSettings(
  env: NodeJS.ProcessEnv,
  publicUrl: string | undefined,
): OidcSettings | undefined {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = env;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    throw new ConfigError(
      'Invalid configuration: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together',
    );
  }
  if (!/^https?:\/\/\S+$/.test(issuer)) {
    throw new ConfigError('Invalid configuration: OIDC_ISSUER must be an http(s) URL');
  }
  const redirectUri = env.OIDC_REDIRECT_URI || (publicUrl && `${publicUrl}${OIDC_CALLBACK_PATH}`);
  if (!redirectUri) {
    throw new ConfigError(
      'Invalid configuration: OpenID Connect sign-in needs PUBLIC_URL (or OIDC_REDIRECT_URI)',
    );
  }
  if (!/^https?:\/\/[^\s/?#]+\/\S*$/.test(redirectUri) || redirectUri.includes('#')) {
    throw new ConfigError(
      'Invalid configuration: OIDC_REDIRECT_URI must be an http(s) URL without a fragment',
    );
  }
  return {
    issuer,
    clientId,
    clientSecret,
    redirectUri,
    origin: publicUrl ?? new URL(redirectUri).origin,
    roleClaim: env.OIDC_ROLE_CLAIM || 'samenloop_role',
    partnerClaim: env.OIDC_PARTNER_CLAIM || 'samenloop_partner',
  };
}
