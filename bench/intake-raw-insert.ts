/**
 * The intake's database baseline: plain `pg` INSERTs of rows like the hub's own stored
 * `contact-attempted` rows (the same type, data and metadata; stream ids of the same length; a
 * table `LIKE events INCLUDING ALL`, so the store's columns, constraints and indexes), each
 * connection a client of its own, autocommit: one row per statement, or several.
 */
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { withClient } from './bench-database';
import type { Call } from './closed-loop';
import { RawAppender, createRawTable, type RawEntry } from './store-raw-baseline';

/** What every raw row copies: a stored event of the hub's. */
export interface RowTemplate {
  streamId: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/** The last stored event of `type`. */
export async function rowTemplate(url: string, type: string): Promise<RowTemplate> {
  const row = await withClient(url, async (client) => {
    const { rows } = await client.query<{ stream_id: string; data: string; metadata: string }>(
      `SELECT stream_id, data::text AS data, metadata::text AS metadata FROM events
       WHERE type = $1 ORDER BY position DESC LIMIT 1`,
      [type],
    );
    return rows[0];
  });
  if (!row) throw new Error(`no stored ${type} event to copy`);
  return {
    streamId: row.stream_id,
    type,
    data: JSON.parse(row.data) as unknown,
    metadata: JSON.parse(row.metadata) as Record<string, unknown>,
  };
}

export function createRawIntakeTable(url: string, table: string): Promise<void> {
  return withClient(url, (client) => createRawTable(client, table));
}

export interface RawInsertSpec {
  url: string;
  table: string;
  template: RowTemplate;
  connections: number;
  rowsPerStatement: number;
  /** Streams per connection, written in turn, as the hub's clients are. */
  streamsPerConnection: number;
}

/** Connected inserters, one per connection, for runClosedLoop; `close` ends their clients. */
export interface RawInserters {
  /** Each run of them starts its streams anew: `run` tells runs on one table apart. */
  calls(run: string): Call[];
  close(): Promise<void>;
}

/**
 * Connects first, so that the load's time and its CPU (the server's backends included) are those
 * of the inserts alone.
 */
export async function openRawInserters(spec: RawInsertSpec): Promise<RawInserters> {
  const clients = Array.from({ length: spec.connections }, () => {
    const client = new Client({ connectionString: spec.url });
    client.on('error', () => undefined); // reported by the statement that fails
    return client;
  });
  const close = async () => {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  };
  try {
    await Promise.all(clients.map((client) => client.connect()));
  } catch (error) {
    await close();
    throw error;
  }
  const calls = (run: string) =>
    clients.map((client, connection): Call => {
      const appender = new RawAppender(client, spec.table);
      const streams = Array.from({ length: spec.streamsPerConnection }, (_, stream) =>
        streamLike(spec.template.streamId, `${run}.${connection}.${stream}`),
      );
      let next = 0;
      return async () => {
        const entries: RawEntry[] = Array.from({ length: spec.rowsPerStatement }, () => ({
          stream: streams[next++ % streams.length]!,
          event: {
            id: randomUUID(),
            type: spec.template.type,
            data: spec.template.data,
            metadata: spec.template.metadata,
          },
        }));
        await appender.appendEntries(entries);
        return { answer: 'inserted', accepted: entries.length };
      };
    });
  return { calls, close };
}

/** A stream id as long as `template`, ending in `suffix`. */
function streamLike(template: string, suffix: string): string {
  return `${template.slice(0, Math.max(0, template.length - suffix.length))}${suffix}`;
}

/** The mean stored size (pg_column_size) of the rows of `type` in `events`, and of `table`'s. */
export async function rowSizes(
  url: string,
  type: string,
  table: string,
): Promise<{ events: number; raw: number }> {
  return withClient(url, async (client) => {
    const mean = async (sql: string, values: unknown[] = []) =>
      Number((await client.query<{ size: string }>(sql, values)).rows[0]?.size ?? 0);
    return {
      events: await mean('SELECT avg(pg_column_size(e.*)) AS size FROM events e WHERE type = $1', [
        type,
      ]),
      raw: await mean(`SELECT avg(pg_column_size(r.*)) AS size FROM ${table} r`),
    };
  });
}
