import type { Pool } from 'pg';
import type { Migration } from './migration';

// Any constant works; it only has to be the same for every process migrating this database.
const MIGRATION_LOCK = 7_311_966_001;

/**
 * Applies the migrations not yet recorded, each in its own transaction, under an advisory lock so
 * that several processes starting at once migrate exactly once.
 */
export async function runMigrations(
  pool: Pool,
  migrations: readonly Migration[],
): Promise<string[]> {
  const ids = migrations.map((migration) => migration.id);
  const duplicate = ids.find((id, index) => ids.indexOf(id) !== index);
  if (duplicate) throw new Error(`migration ${duplicate} is listed twice`);

  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         id text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = new Set(
      (await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map(
        (r) => r.id,
      ),
    );
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => !done.has(m.id))) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${migration.id} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      applied.push(migration.id);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    client.release();
  }
}
