import type { Authorisation, RecordedAccess } from './access-log-entry';
import { accessEntryHash } from './access-log-hash';

/** An `access_log` row as pg returns it; `A` and `D` are how the JSON columns come back. */
interface AccessRowOf<A, D> {
  seq: string;
  entry_id: string;
  occurred_at: Date;
  action: string;
  client_id: string | null;
  user_id: string;
  on_behalf_of: string | null;
  partner_id: string | null;
  access_point: string;
  origin: string | null;
  authorisation: A;
  emergency: boolean;
  detail: D;
  hash: string;
  previous_hash: string | null;
}

/** A row with its JSON columns parsed, read with {@link ACCESS_LOG_COLUMNS}. */
export type AccessRow = AccessRowOf<Authorisation, Record<string, unknown> | null>;

/** A row with its JSON columns as their stored text, which the hash covers; read with {@link ACCESS_LOG_TEXT_COLUMNS}. */
export type StoredAccessRow = AccessRowOf<string, string | null>;

const columns = (json: (column: string) => string) =>
  `seq, entry_id, occurred_at, action, client_id, user_id, on_behalf_of, partner_id, access_point,
  origin, ${json('authorisation')}, emergency, ${json('detail')}, hash, previous_hash`;

export const ACCESS_LOG_COLUMNS = columns((column) => column);
export const ACCESS_LOG_TEXT_COLUMNS = columns((column) => `${column}::text AS ${column}`);

export function toRecordedAccess(row: AccessRow): RecordedAccess {
  return { ...fieldsOf(row), occurredAt: row.occurred_at.toISOString() };
}

/** The hash the row's content gives, to compare with the one it stores. */
export function storedContentHash(row: StoredAccessRow): string {
  const { authorisation, detail, hash: _stored, ...fields } = fieldsOf(row);
  return accessEntryHash({
    ...fields,
    occurredAt: row.occurred_at,
    authorisationJson: authorisation,
    detailJson: detail,
  });
}

function fieldsOf<A, D>(row: AccessRowOf<A, D>) {
  return {
    seq: Number(row.seq),
    id: row.entry_id,
    action: row.action,
    clientId: row.client_id,
    user: row.user_id,
    onBehalfOf: row.on_behalf_of,
    partnerId: row.partner_id,
    accessPoint: row.access_point,
    origin: row.origin,
    authorisation: row.authorisation,
    emergency: row.emergency,
    detail: row.detail,
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}
