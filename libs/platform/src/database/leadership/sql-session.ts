import type { Pool } from 'pg';

/**
 * One database connection, held for as long as a worker leads. Plain `pg` clients are one kind;
 * an ORM's query runner wrapped to this shape is another, so its writes can share the
 * checkpoint's transaction.
 */
export interface SqlSession {
  query<R extends object = Record<string, unknown>>(
    sql: string,
    parameters?: unknown[],
  ): Promise<{ rows: R[] }>;
  /** `broken`: the connection may be unusable (or still hold the lock) and must be discarded. */
  release(broken?: boolean): void;
}

/**
 * Sessions on a `pg` pool. Each listens for its connection's errors while checked out: a leader's
 * session sits idle between its queries, and a connection killed then (a server restart, a
 * failover) would otherwise raise an unhandled 'error' event and take the whole process down. The
 * next query on it fails instead, and the consumer resumes from its checkpoint.
 */
export function poolSessions(
  pool: Pool,
  onError: (error: Error) => void = () => undefined,
): () => Promise<SqlSession> {
  return async () => {
    const client = await pool.connect();
    client.on('error', onError);
    return {
      query: (sql, parameters) => client.query(sql, parameters),
      release: (broken) => {
        client.off('error', onError);
        client.release(broken);
      },
    };
  };
}
