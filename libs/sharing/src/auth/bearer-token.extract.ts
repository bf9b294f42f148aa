import { ProblemException } from '@samenloop/platform';

interface WithHeaders {
  headers: Record<string, string | string[] | undefined>;
}

export function unauthorized(detail: string): ProblemException {
  return new ProblemException({
    status: 401,
    type: 'unauthorized',
    title: 'Authentication required',
    detail,
    headers: { 'www-authenticate': 'Bearer realm="samenloop"' },
  });
}

/** The token of an `Authorization: Bearer <token>` header, or a 401 problem. */
export function bearerTokenOf(request: WithHeaders): string {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S{1,512})\s*$/i.exec(header) : null;
  if (!match?.[1]) throw unauthorized('send the token as "Authorization: Bearer <token>"');
  return match[1];
}
