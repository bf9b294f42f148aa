/**
 * Every problem `type` is this base plus a stable suffix (`not-found`, `validation-failed`, ...).
 * The suffix is part of the public contract: partners branch on it, so never rename one.
 */
export const PROBLEM_TYPE_BASE = 'https://samenloop.nl/problems/';

/** Media type of every error response (RFC 9457). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The full `type` URI for a suffix such as `not-found`. */
export function problemType(suffix: string): string {
  return `${PROBLEM_TYPE_BASE}${suffix}`;
}
