import { ProblemException } from '../http/problem-exception';
import type { CallerRequest } from './caller-identity';

/** The 401 every bearer-token check answers with; `detail` says what to send instead. */
export function unauthorized(detail: string): ProblemException {
  return new ProblemException({
    status: 401,
    type: 'unauthorized',
    title: 'Authentication required',
    detail,
    headers: { 'www-authenticate': 'Bearer realm="samenloop"' },
  });
}

/** The token of an `Authorization: Bearer <token>` header, or undefined for none or another scheme. */
export function presentedBearerToken(request: CallerRequest): string | undefined {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer\s+(\S{1,512})\s*$/i.exec(header) : null;
  return match?.[1];
}

/** The token of an `Authorization: Bearer <token>` header, or a 401 problem. */
export function bearerTokenOf(request: CallerRequest): string {
  const token = presentedBearerToken(request);
  if (token === undefined) throw unauthorized('send the token as "Authorization: Bearer <token>"');
  return token;
}
