import { createHash, randomBytes } from 'node:crypto';
import { cookieValue } from '../sessions/session-cookie';

/**
 * A random value in an HttpOnly cookie of the browser that starts an OIDC sign-in; the sign-in
 * keeps only its hash, and the callback must bring the cookie. A callback URL made by someone
 * else (who signed in at the issuer as themselves) thus signs no one else's browser in.
 */
export const OIDC_BINDING_COOKIE = 'samenloop_oidc';
const PATH = '/v1/auth/oidc';
const MAX_AGE_SECONDS = 10 * 60;

export function newBinding(): { value: string; hash: string } {
  const value = randomBytes(32).toString('base64url');
  return { value, hash: bindingHash(value) };
}

export function bindingHash(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** SameSite=Lax: the issuer's redirect back is a top-level navigation from another site. */
export function bindingCookie(value: string, secure: boolean): string {
  return [
    `${OIDC_BINDING_COOKIE}=${value}`,
    `Path=${PATH}`,
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${value ? MAX_AGE_SECONDS : 0}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/** The binding a request's `Cookie` header brings, if any. */
export function bindingOf(cookieHeader: string | string[] | undefined): string | undefined {
  return cookieValue(cookieHeader, OIDC_BINDING_COOKIE, /^[\w-]{43}$/);
}
