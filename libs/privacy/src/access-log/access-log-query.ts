import { ACCESS_CHANNELS } from './access-channel';
import type { RecordedAccess } from './access-log-entry';
import { ACCESS_LOG_COLUMNS } from './access-log-row';

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
