import type { SqlSession } from '@samenloop/event-store';
import type { OrmSession } from './orm.session';
import type { Projection } from './projection';

/** The checkpoint (consumer) name of a projection. */
export function checkpointName({ name }: Pick<Projection, 'name'>): string {
  return `read-models.${name}`;
}

// One advisory lock per projection, taken by every live batch (for its transaction) and by a
// rebuild or reset (for its whole run): the two never write the projection's tables at once.
const LOCK = 'hashtextextended($1, 0)';
const lockName = ({ name }: Pick<Projection, 'name'>) => `samenloop:read-models:${name}`;

export async function lockForBatch(session: SqlSession, projection: Projection): Promise<void> {
  await session.query(`SELECT pg_advisory_xact_lock(${LOCK})`, [lockName(projection)]);
}

/**
 * Runs `work` on a session of its own while holding the projection: it first waits for a batch
 * in flight, and the live consumer's next batch waits for it.
 */
export async function holdingProjection<T>(
  sessions: () => Promise<OrmSession>,
  projection: Projection,
  work: (session: OrmSession) => Promise<T>,
): Promise<T> {
  const session = await sessions();
  let broken = false;
  try {
    await session.query(`SELECT pg_advisory_lock(${LOCK})`, [lockName(projection)]);
    try {
      return await work(session);
    } finally {
      await session.query(`SELECT pg_advisory_unlock(${LOCK})`, [lockName(projection)]);
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    session.release(broken);
  }
}

export interface Standing {
  /** The last position applied; null before the first batch. */
  checkpoint: number | null;
  /** The version the tables were built by; null when never built. */
  version: number | null;
}

export async function standingOf(session: SqlSession, projection: Projection): Promise<Standing> {
  const { rows } = await session.query<{ checkpoint: string | null; version: number | null }>(
    `SELECT (SELECT position FROM consumer_checkpoints WHERE name = $1) AS checkpoint,
            (SELECT version FROM read_projection_versions WHERE name = $2) AS version`,
    [checkpointName(projection), projection.name],
  );
  const { checkpoint, version } = rows[0]!;
  return { checkpoint: checkpoint === null ? null : Number(checkpoint), version };
}

/** Empties the tables and the checkpoint and records the code's version; in the caller's transaction. */
export async function resetProjection(session: OrmSession, projection: Projection): Promise<void> {
  // DELETE rather than TRUNCATE: readers keep seeing the old rows until the reset commits.
  for (const entity of projection.entities) {
    await session.manager.createQueryBuilder().delete().from(entity).execute();
  }
  await session.query('DELETE FROM consumer_checkpoints WHERE name = $1', [
    checkpointName(projection),
  ]);
  await session.query(
    `INSERT INTO read_projection_versions (name, version) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, reset_at = now()`,
    [projection.name, projection.version],
  );
}

export async function saveCheckpoint(
  session: SqlSession,
  projection: Projection,
  position: number,
): Promise<void> {
  await session.query(
    `INSERT INTO consumer_checkpoints (name, position) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
    [checkpointName(projection), position],
  );
}

/** Runs `work` in a transaction of the session. */
export async function inTransaction<T>(session: SqlSession, work: () => Promise<T>): Promise<T> {
  await session.query('BEGIN');
  try {
    const result = await work();
    await session.query('COMMIT');
    return result;
  } catch (error) {
    await session.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
