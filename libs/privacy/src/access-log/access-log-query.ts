import { ACCESS_CHANNELS } from './access-channel';
import type { Authorisation, RecordedAccess } from './access-log-entry';

/** Every condition is optional; the result is in chronological order (time, then seq). */
export interface AccessLogFilter {
  clientId?: string;
  user?: string;
  partnerId?: string;
  action?: string;
  /** The channel the access came through (see {@link ACCESS_CHANNELS}). */
  channel?: keyof typeof ACCESS_CHANNELS;
  /** Inclusive. */
  from?: Date;
  /** Exclusive. */
  to?: Date;
  /** 1-1000, default 100. */
  limit?: number;
  /** The `next` of the previous page. */
  after?: string;
}

export interface AccessLogPage {
  entries: RecordedAccess[];
  /** Present when more entries match: pass it as `after` for the next page. */
  next?: string;
}

export const ACCESS_LOG_COLUMNS = `seq, entry_id, occurred_at, action, client_id, user_id,
  on_behalf_of, partner_id, access_point, origin, authorisation, emergency, detail, hash,
  previous_hash`;

export interface AccessRow {
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
  authorisation: Authorisation;
  emergency: boolean;
  detail: Record<string, unknown> | null;
  hash: string;
  previous_hash: string | null;
}

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('the cursor is not one this API handed out');
  }
}

/** SQL and parameters for a page; the conditions are only those given, so indexes apply. */
export function pageQuery(filter: AccessLogFilter): { sql: string; parameters: unknown[] } {
  const conditions: string[] = [];
  const parameters: unknown[] = [];
  const where = (condition: (placeholder: string) => string, value: unknown) => {
    parameters.push(value);
    conditions.push(condition(`$${parameters.length}`));
  };
  if (filter.clientId !== undefined) where((p) => `client_id = ${p}::uuid`, filter.clientId);
  if (filter.user !== undefined) where((p) => `user_id = ${p}`, filter.user);
  if (filter.partnerId !== undefined) where((p) => `partner_id = ${p}`, filter.partnerId);
  if (filter.action !== undefined) where((p) => `action = ${p}`, filter.action);
  if (filter.channel !== undefined) {
    where((p) => `access_point LIKE ${p}`, ACCESS_CHANNELS[filter.channel]);
  }
  if (filter.from !== undefined) where((p) => `occurred_at >= ${p}`, filter.from);
  if (filter.to !== undefined) where((p) => `occurred_at < ${p}`, filter.to);
  if (filter.after !== undefined) {
    const cursor = decodeCursor(filter.after);
    parameters.push(cursor.occurredAt, cursor.seq);
    conditions.push(`(occurred_at, seq) > ($${parameters.length - 1}, $${parameters.length})`);
  }
  parameters.push(pageSize(filter) + 1);
  const sql = `SELECT ${ACCESS_LOG_COLUMNS} FROM access_log
    ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
    ORDER BY occurred_at, seq LIMIT $${parameters.length}`;
  return { sql, parameters };
}

export function pageSize(filter: AccessLogFilter): number {
  return Math.min(Math.max(filter.limit ?? 100, 1), 1000);
}

export function toRecordedAccess(row: AccessRow): RecordedAccess {
  return {
    seq: Number(row.seq),
    id: row.entry_id,
    occurredAt: row.occurred_at.toISOString(),
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

export function cursorAfter(entry: RecordedAccess): string {
  return Buffer.from(`${entry.occurredAt}|${entry.seq}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { occurredAt: Date; seq: number } {
  const [time, seq] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const occurredAt = new Date(time ?? '');
  if (Number.isNaN(occurredAt.getTime()) || !/^\d{1,18}$/.test(seq ?? '')) {
    throw new InvalidCursorError();
  }
  return { occurredAt, seq: Number(seq) };
}
