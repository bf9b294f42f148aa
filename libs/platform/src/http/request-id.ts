import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';

// Letters, digits and a few separators: enough for UUIDs, ULIDs and trace ids, and nothing that
// could forge a log line or a header.
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

const assigned = new WeakMap<IncomingMessage, string>();

/**
 * The id of a request: the caller's `x-request-id` when it is sane, else a new UUID. Fastify and
 * the request logger both ask; the answer is remembered per request so they always agree.
 */
export function requestIdFor(request: IncomingMessage): string {
  let id = assigned.get(request);
  if (id === undefined) {
    const given = request.headers[REQUEST_ID_HEADER];
    id = typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
    assigned.set(request, id);
  }
  return id;
}
