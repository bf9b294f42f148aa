import type { Pool } from 'pg';
import { AdvisoryLock } from './leadership/advisory-lock';
import { holdingLocks } from './leadership/session-locks';
import { poolSessions } from './leadership/sql-session';
import type { Migration } from './migration';

// Any constant works; it only has to be the same for every process migrating this database.
const MIGRATION_LOCK = AdvisoryLock.keyed(7_311_966_001);

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

  return holdingLocks(poolSessions(pool), [MIGRATION_LOCK], async (session) => {
    await session.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         id text PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = new Set(
      (await session.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map(
        (r) => r.id,
      ),
    );
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => !done.has(m.id))) {
      await session.query('BEGIN');
      try {
        await session.query(migration.sql);
        await session.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
        await session.query('COMMIT');
      } catch (error) {
        await session.query('ROLLBACK');
        throw new Error(`migration ${migration.id} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
      applied.push(migration.id);
    }
    return applied;
  });
}
