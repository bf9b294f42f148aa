import { randomUUID } from 'node:crypto';
import {
  AUTHORISATION_BASES,
  type AccessFields,
  type AccessLogEntry,
  type Authorisation,
} from './access-log-entry';

/** An entry checked and put in the form that is stored and hashed (the JSON ones as text). */
export interface NormalisedEntry extends AccessFields {
  occurredAt: Date;
  authorisationJson: string;
  detailJson: string | null;
}

const ACTION = /^[a-z][a-z0-9-]*(?:\.[a-z][a-z0-9-]*)*$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MAX_DETAIL = 10_000;

/** Refuses a malformed entry with a TypeError: a caller's bug, never a user's input. */
export function normaliseEntry(entry: AccessLogEntry, now: Date): NormalisedEntry {
  if (!ACTION.test(entry.action) || entry.action.length > 64) {
    throw new TypeError(`access log: action ${JSON.stringify(entry.action)} is not a dotted name`);
  }
  const clientId = entry.clientId?.toLowerCase() ?? null;
  if (clientId !== null && !UUID.test(clientId)) {
    throw new TypeError('access log: clientId must be the hub’s client id (a UUID) or null');
  }
  const occurredAt = entry.occurredAt ?? now;
  if (Number.isNaN(occurredAt.getTime())) throw new TypeError('access log: occurredAt is invalid');
  const detailJson = entry.detail === undefined ? null : JSON.stringify(entry.detail);
  if (detailJson !== null && detailJson.length > MAX_DETAIL) {
    throw new TypeError(`access log: detail is longer than ${MAX_DETAIL} characters`);
  }
  return {
    id: randomUUID(),
    occurredAt,
    action: entry.action,
    clientId,
    user: text('user', entry.user, 200),
    onBehalfOf: optional('onBehalfOf', entry.onBehalfOf, 200),
    partnerId: optional('partnerId', entry.partnerId, 100),
    accessPoint: text('accessPoint', entry.accessPoint, 300),
    origin: optional('origin', entry.origin, 300),
    authorisationJson: authorisationJson(entry.authorisation),
    emergency: entry.emergency ?? false,
    detailJson,
  };
}

/** Fixed key order, so the stored text (which the hash covers) does not depend on the caller's. */
function authorisationJson({ basis, reference, version }: Authorisation): string {
  if (!(AUTHORISATION_BASES as readonly string[]).includes(basis)) {
    throw new TypeError(`access log: authorisation basis must be one of ${AUTHORISATION_BASES}`);
  }
  return JSON.stringify({
    basis,
    reference: text('authorisation.reference', reference, 200),
    ...(version === undefined ? {} : { version: text('authorisation.version', version, 50) }),
  });
}

function text(field: string, value: string | undefined, max: number): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    throw new TypeError(`access log: ${field} must be 1-${max} characters`);
  }
  return value;
}

function optional(field: string, value: string | undefined, max: number): string | null {
  return value === undefined ? null : text(field, value, max);
}
