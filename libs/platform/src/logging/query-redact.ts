/**
 * Query parameters whose values may be logged: paging and presentation only. Every other value
 * (an OIDC `code` or `state`, a search term, anything a caller put there) is replaced.
 */
const SAFE_QUERY_KEYS = new Set(['after', 'limit', 'lang', 'page', 'sort']);

export const REDACTED = '[redacted]';

/** `url` with the value of every query parameter not known to be harmless replaced. */
export function redactQuery(url: string): string {
  const start = url.indexOf('?');
  if (start === -1) return url;
  const hash = url.indexOf('#', start);
  const query = url.slice(start + 1, hash === -1 ? undefined : hash);
  const redacted = query
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=');
      if (separator === -1) return pair;
      const key = pair.slice(0, separator);
      return SAFE_QUERY_KEYS.has(decodedKey(key)) ? pair : `${key}=${REDACTED}`;
    })
    .join('&');
  return `${url.slice(0, start)}?${redacted}`;
}

function decodedKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    return key;
  }
}
