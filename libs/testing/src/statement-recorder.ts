import type { Pool, PoolClient } from 'pg';

/**
 * The statements sent on the pool's connections that open after this call, by their first word
 * (`BEGIN`, `INSERT`, `WITH`...): each one is a round trip to PostgreSQL.
 */
export function recordStatements(pool: Pool): string[] {
  const statements: string[] = [];
  pool.on('connect', (connection: PoolClient) => {
    const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
    Object.assign(connection, {
      query: (...args: unknown[]) => {
        const text = String((args[0] as { text?: string }).text ?? args[0]);
        statements.push(text.trim().split(/\s/, 1)[0]!.toUpperCase());
        return query(...args);
      },
    });
  });
  return statements;
}
