import {
  AdvisoryLock,
  holdingLocks,
  tryTransactionLocks,
  type SqlSession,
} from '@samenloop/platform';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { OrmSession } from './orm-session';
import type { Projection } from './projection';
import type { WriteStatement } from './write-statement';

/** The checkpoint (consumer) name of a projection. */
export function checkpointName({ name }: Pick<Projection, 'name'>): string {
  return `read-models.${name}`;
}

// One advisory lock per projection, taken by every live batch (for its transaction) and by a
// rebuild or reset (for its whole run): the two never write the projection's tables at once.
// The lock comes before the standing is read, in a statement of its own: a rebuild that commits
// and lets go in between is then seen.
const lockOf = ({ name }: Pick<Projection, 'name'>) =>
  AdvisoryLock.hashed(`samenloop:read-models:${name}`);

/**
 * Takes, for the caller's transaction, the locks of those projections no rebuild or reset holds
 * now, and answers their names. It never waits: a rebuild holds its lock for its whole run.
 */
export async function lockForBatch(
  session: SqlSession,
  projections: readonly Projection[],
): Promise<Set<string>> {
  const taken = await tryTransactionLocks(session, projections.map(lockOf));
  return new Set(projections.filter((_, at) => taken[at]).map(({ name }) => name));
}

/**
 * Takes the projection's lock for the caller's transaction unless a batch, a rebuild or a reset
 * holds it; never waits. Work besides the projection's own batches that writes its tables (many
 * rows in one statement) takes it, so that it cannot deadlock with them.
 */
export async function tryLockProjection(
  manager: Pick<EntityManager, 'query'>,
  projection: Pick<Projection, 'name'>,
): Promise<boolean> {
  const session = {
    query: async <R>(sql: string, parameters?: unknown[]) => ({
      rows: (await manager.query(sql, parameters)) as R[],
    }),
  };
  const [taken] = await tryTransactionLocks(session, [lockOf(projection)]);
  return taken === true;
}

/**
 * Runs `work` on a session of its own while holding the projections: it first waits for a batch
 * in flight, and the live consumer's next batch leaves them alone until `work` ends. Two rebuilds
 * of overlapping sets cannot wait on each other (see `holdingLocks`).
 */
export function holdingProjections<T>(
  sessions: () => Promise<OrmSession>,
  projections: readonly Projection[],
  work: (session: OrmSession) => Promise<T>,
): Promise<T> {
  return holdingLocks(sessions, projections.map(lockOf), work);
}

/** {@link holdingProjections} for one. */
export function holdingProjection<T>(
  sessions: () => Promise<OrmSession>,
  projection: Projection,
  work: (session: OrmSession) => Promise<T>,
): Promise<T> {
  return holdingProjections(sessions, [projection], work);
}

export interface Standing {
  /** The last position applied; null before the first batch. */
  checkpoint: number | null;
  /** The version the tables were built by; null when never built. */
  version: number | null;
}

/** Where each projection's tables stand, by projection name. */
export async function standingsOf(
  session: SqlSession,
  projections: readonly Projection[],
): Promise<Map<string, Standing>> {
  const { rows } = await session.query<{
    name: string;
    checkpoint: string | null;
    version: number | null;
  }>(
    `SELECT projection.name, checkpoint.position AS checkpoint, built.version
     FROM unnest($1::text[], $2::text[]) AS projection (name, consumer)
     LEFT JOIN consumer_checkpoints AS checkpoint ON checkpoint.name = projection.consumer
     LEFT JOIN read_projection_versions AS built ON built.name = projection.name`,
    [projections.map(({ name }) => name), projections.map(checkpointName)],
  );
  return new Map(
    rows.map(({ name, checkpoint, version }) => [
      name,
      { checkpoint: checkpoint === null ? null : Number(checkpoint), version },
    ]),
  );
}

export async function standingOf(session: SqlSession, projection: Projection): Promise<Standing> {
  return (await standingsOf(session, [projection])).get(projection.name)!;
}

/** An entity's table, quoted for a statement. */
export function tableOf(session: OrmSession, entity: EntityTarget<ObjectLiteral>): string {
  const { connection } = session.manager;
  return connection.driver.escape(connection.getMetadata(entity).tablePath);
}

/** Empties the tables and the checkpoint and records the code's version; in the caller's transaction. */
export async function resetProjection(session: OrmSession, projection: Projection): Promise<void> {
  // TRUNCATE rather than DELETE: a DELETE left every old row dead in the tables and their
  // indexes, where each key written again first met its dead twin. Readers wait for the reset's
  // short transaction instead of seeing the old rows meanwhile.
  const tables = projection.entities.map((entity) => tableOf(session, entity));
  if (tables.length > 0) await session.query(`TRUNCATE ${tables.join(', ')}`);
  await session.query('DELETE FROM consumer_checkpoints WHERE name = $1', [
    checkpointName(projection),
  ]);
  await session.query(
    `INSERT INTO read_projection_versions (name, version) VALUES ($1, $2)
     ON CONFLICT (name) DO UPDATE SET version = EXCLUDED.version, reset_at = now()`,
    [projection.name, projection.version],
  );
}

/** The statement that moves the projections' checkpoints to `position`, in its transaction. */
export function checkpointWrite(
  projections: readonly Projection[],
  position: number,
): WriteStatement[] {
  if (projections.length === 0) return [];
  return [
    {
      text: `INSERT INTO consumer_checkpoints (name, position) SELECT unnest($1::text[]), $2::bigint
     ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position, updated_at = now()`,
      values: [projections.map(checkpointName), position],
    },
  ];
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
