/**
 * The baseline: plain `pg` doing the store's work on a table shaped exactly like the store's
 * `events` table (copied with LIKE ... INCLUDING ALL: the same columns, defaults, constraints and
 * indexes), with no function, no stream table and no log-order rules.
 */
import { createHash } from 'node:crypto';
import type { ClientBase, Pool } from 'pg';
import type { EventToAppend } from '@samenloop/event-store';
import type { Page } from './store-workload';

/** The columns the store reads (its EVENT_COLUMNS), so that both reads move the same bytes. */
export const READ_COLUMNS = `position, transaction_id, stream_id, revision, event_id, type, data,
  metadata, recorded_at, hash, previous_hash`;

const INSERT_COLUMNS = `stream_id, revision, event_id, type, data, metadata, recorded_at, hash,
  previous_hash`;

/** A table like the store's `events`, with its own position sequence. */
export async function createRawTable(database: Pool | ClientBase, table: string): Promise<void> {
  await database.query(`
    DROP TABLE IF EXISTS ${table};
    CREATE TABLE ${table} (LIKE events INCLUDING ALL);
    CREATE SEQUENCE ${table}_position_seq OWNED BY ${table}.position;
    ALTER TABLE ${table} ALTER COLUMN position SET DEFAULT nextval('${table}_position_seq');
  `);
}

/** Copies the store's log, row for row, into an equally shaped raw table. */
export async function copyStoreLog(pool: Pool, table: string, limit?: number): Promise<number> {
  await createRawTable(pool, table);
  const { rowCount } = await pool.query(
    `INSERT INTO ${table} (${READ_COLUMNS})
     SELECT ${READ_COLUMNS} FROM events ORDER BY position LIMIT $1`,
    [limit ?? null],
  );
  await pool.query(`SELECT setval('${table}_position_seq', (SELECT max(position) FROM ${table}))`);
  return rowCount ?? 0;
}

interface StreamHead {
  revision: number;
  hash: string | null;
}

/** One event and the stream it goes to. */
export interface RawEntry {
  stream: string;
  event: EventToAppend;
}

/**
 * Appends as an application would with plain SQL: one autocommit INSERT per call, a single row
 * for one event or one multi-row INSERT for a batch, revisions and a hash chain kept in memory.
 * On a pool, or on a client of its own.
 */
export class RawAppender {
  private readonly heads = new Map<string, StreamHead>();
  private readonly statements = new Map<number, string>();

  constructor(
    private readonly database: Pool | ClientBase,
    private readonly table: string,
  ) {}

  append(stream: string, events: readonly EventToAppend[]): Promise<number[]> {
    return this.appendEntries(events.map((event) => ({ stream, event })));
  }

  /** Events to any streams in one INSERT, each next in its stream. */
  async appendEntries(entries: readonly RawEntry[]): Promise<number[]> {
    const values: unknown[] = [];
    for (const { stream, event } of entries) {
      const head = this.heads.get(stream) ?? { revision: -1, hash: null };
      const data = JSON.stringify(event.data);
      const metadata = JSON.stringify(event.metadata ?? {});
      const hash = createHash('sha256')
        .update(`${head.hash ?? ''}\n${stream}\n${event.id}\n${data}`)
        .digest('hex');
      values.push(stream, head.revision + 1, event.id, event.type, data, metadata, hash, head.hash);
      this.heads.set(stream, { revision: head.revision + 1, hash });
    }
    const { rows } = await this.database.query<{ position: string }>(
      this.insertStatement(entries.length),
      values,
    );
    return rows.map((row) => Number(row.position));
  }

  private insertStatement(rows: number): string {
    let statement = this.statements.get(rows);
    if (!statement) {
      const tuples = Array.from({ length: rows }, (_, row) => {
        const p = (column: number) => `$${row * 8 + column}`;
        return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, now(), ${p(7)}, ${p(8)})`;
      });
      statement = `INSERT INTO ${this.table} (${INSERT_COLUMNS}) VALUES ${tuples.join(', ')}
        RETURNING position`;
      this.statements.set(rows, statement);
    }
    return statement;
  }
}

/** One keyset page of the raw log in position order. */
export async function readRawPage(
  pool: Pool,
  table: string,
  after: number,
  limit: number,
): Promise<Page<number>> {
  const { rows } = await pool.query<{ position: string }>(
    `SELECT ${READ_COLUMNS} FROM ${table} WHERE position > $1 ORDER BY position LIMIT $2`,
    [after, limit],
  );
  const last = rows.at(-1);
  return { count: rows.length, next: last ? Number(last.position) : after };
}
