import { PROBLEM_TYPE_BASE } from '@samenloop/platform';
import type { HubResponse } from './hub-harness';

/**
 * A response as `<status>`, or `<status> <problem type suffix>` for a problem document (e.g.
 * `404 unknown-client`), so that a refusal is asserted in one readable line.
 */
export function outcome({ status, body }: HubResponse): string {
  const type: unknown = body?.type;
  return typeof type === 'string' && type.startsWith(PROBLEM_TYPE_BASE)
    ? `${status} ${type.slice(PROBLEM_TYPE_BASE.length)}`
    : `${status}`;
}
