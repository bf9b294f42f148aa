/** The parts of a request that tell where a browser sent it from. */
export interface OriginRequest {
  method?: string;
  headers: Record<string, string | string[] | undefined>;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const header = (value: string | string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

function parsed(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Why a state-changing request must not act on a session cookie, or undefined when it may: it
 * must come from the hub's own origin (PUBLIC_URL, else the origin of the Host it was sent to).
 * Browsers name the page's origin in `Origin` on every POST, PUT, PATCH and DELETE; under a
 * no-referrer policy they send `Origin: null`, and then `Sec-Fetch-Site` (which no page can
 * set) tells whether it was the hub's own. A request that shows none of them is refused: no
 * browser sends such a request, and a client that is not a browser can name its origin.
 */
export function crossOriginReason(
  { method, headers }: OriginRequest,
  publicUrl: string | undefined,
): string | undefined {
  if (method !== undefined && SAFE_METHODS.has(method.toUpperCase())) return undefined;
  const own = publicUrl ? parsed(publicUrl)?.origin : undefined;
  const host = header(headers.host)?.toLowerCase();
  const isOwn = (url: string) => {
    const from = parsed(url);
    if (!from || !/^https?:$/.test(from.protocol)) return false;
    return own ? from.origin === own : from.host === host;
  };
  const origin = header(headers.origin);
  if (origin !== undefined && origin !== 'null') {
    return isOwn(origin) ? undefined : 'it was sent from another origin';
  }
  const site = header(headers['sec-fetch-site']);
  if (site !== undefined) {
    return site === 'same-origin' ? undefined : `it was sent from a ${site} page`;
  }
  const referer = header(headers.referer);
  if (referer !== undefined) {
    return isOwn(referer) ? undefined : 'it was sent from another origin';
  }
  return 'it names no Origin';
}
