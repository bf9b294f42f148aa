import type { Pool } from 'pg';
import { UnknownPositionError } from '../event-store.errors';
import type { Position } from '../event-store.port';
import { EVENT_COLUMNS, type EventRow } from './event-row';

/**
 * A place in the log order, which is (transaction id, position): positions are handed out at
 * insert, so a transaction that commits late carries smaller positions than events already read.
 */
export interface LogCursor {
  transactionId: string;
  position: number;
}

const LOG_START: LogCursor = { transactionId: '0', position: 0 };

/** 0 is accepted as the start: a checkpoint that has processed nothing yet. */
export async function resolveCursor(
  pool: Pool,
  from: Position | 'start' = 'start',
): Promise<LogCursor> {
  if (from === 'start' || from === 0) return LOG_START;
  if (!Number.isSafeInteger(from) || from < 0) {
    throw new TypeError(`position ${JSON.stringify(from)} is not a non-negative integer`);
  }
  const { rows } = await pool.query<{ transaction_id: string }>(
    'SELECT transaction_id FROM events WHERE position = $1',
    [from],
  );
  if (rows.length === 0) throw new UnknownPositionError(from);
  return { transactionId: rows[0].transaction_id, position: from };
}

export function cursorOf(row: EventRow): LogCursor {
  return { transactionId: row.transaction_id, position: Number(row.position) };
}

// Events after the cursor ($1, $2), in log order, written only by transactions older than the
// oldest one still running: every such transaction has ended, so no event can later appear
// before them.
const SETTLED_PAGE = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
    AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    AND ($3::text[] IS NULL OR type = ANY ($3::text[]))
  ORDER BY transaction_id, position
  LIMIT $4`;

/** The settled events after the cursor, in log order. */
export async function readSettledEvents(
  pool: Pool,
  after: LogCursor,
  limit: number | undefined,
  types: readonly string[] | undefined,
): Promise<EventRow[]> {
  const { rows } = await pool.query<EventRow>(SETTLED_PAGE, [
    after.transactionId,
    after.position,
    types ?? null,
    limit ?? null,
  ]);
  return rows;
}

export interface LogPage {
  rows: EventRow[];
  /**
   * Committed events are held back behind a transaction still running: they settle when it
   * ends, without a notification of their own.
   */
  unsettled: boolean;
}

/** `readSettledEvents` and whether events are held back, in one round trip and one snapshot. */
export async function readLogPage(
  pool: Pool,
  after: LogCursor,
  limit: number,
  types: readonly string[] | undefined,
): Promise<LogPage> {
  // An empty page still answers one row: the flag, with every column of the event null.
  const { rows } = await pool.query<
    Omit<EventRow, 'position'> & { position: string | null; unsettled: boolean }
  >(
    `SELECT page.*, horizon.unsettled
     FROM (
       SELECT EXISTS (
         SELECT FROM events WHERE transaction_id >= pg_snapshot_xmin(pg_current_snapshot())
       ) AS unsettled
     ) AS horizon
     LEFT JOIN LATERAL (${SETTLED_PAGE}) AS page ON true
     ORDER BY page.transaction_id, page.position`,
    [after.transactionId, after.position, types ?? null, limit],
  );
  return {
    rows: rows.filter((row): row is EventRow & { unsettled: boolean } => row.position !== null),
    unsettled: rows[0]?.unsettled ?? false,
  };
}

/**
 * Committed events after the cursor, counted up to `limit`, and the oldest one's time. Unsettled
 * ones count too: a reader has yet to see them however long a running transaction holds them.
 */
export async function countBacklog(
  pool: Pool,
  after: LogCursor,
  limit: number,
  types: readonly string[] | undefined,
): Promise<{ events: number; oldest: Date | null }> {
  const { rows } = await pool.query<{ events: number; oldest: Date | null }>(
    `SELECT count(*)::int AS events, min(recorded_at) AS oldest FROM (
       SELECT recorded_at FROM events
       WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
         AND ($3::text[] IS NULL OR type = ANY ($3::text[]))
       ORDER BY transaction_id, position
       LIMIT $4
     ) AS backlog`,
    [after.transactionId, after.position, types ?? null, limit],
  );
  return rows[0]!;
}
