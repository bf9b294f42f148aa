export const SESSION_COOKIE = 'samenloop_session';

/** A cookie's value from a `Cookie` header, when it is there and has the expected shape. */
export function cookieValue(
  cookieHeader: string | string[] | undefined,
  name: string,
  shape: RegExp,
): string | undefined {
  const header = Array.isArray(cookieHeader) ? cookieHeader.join('; ') : (cookieHeader ?? '');
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0 || pair.slice(0, separator).trim() !== name) continue;
    const value = pair.slice(separator + 1).trim();
    if (shape.test(value)) return value;
  }
  return undefined;
}

/** The session token from a `Cookie` header, if one is there. */
export function sessionTokenOf(cookieHeader: string | string[] | undefined): string | undefined {
  return cookieValue(cookieHeader, SESSION_COOKIE, /^[A-Za-z0-9_-]{20,200}$/);
}

/**
 * HttpOnly (no script reads it) and SameSite=Strict (no other site's page sends it, which also
 * answers cross-site request forgery); Secure whenever the request came over HTTPS.
 */
export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}
