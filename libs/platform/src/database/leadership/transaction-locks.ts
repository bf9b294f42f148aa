import type { AdvisoryLock } from './advisory-lock';
import type { SqlSession } from './sql-session';

/**
 * Takes, for the caller's transaction, those of `locks` that nobody holds now, in one statement;
 * never waits. Answers, lock by lock, whether it was taken. The locks are keyed alike (all
 * `named` or all `hashed`).
 */
export async function tryTransactionLocks(
  session: Pick<SqlSession, 'query'>,
  locks: readonly AdvisoryLock[],
): Promise<boolean[]> {
  const [first] = locks;
  if (!first) return [];
  if (locks.some((lock) => lock.keyOf('') !== first.keyOf(''))) {
    throw new Error('locks taken in one statement are keyed alike');
  }
  const { rows } = await session.query<{ taken: boolean }>(
    `SELECT pg_try_advisory_xact_lock(${first.keyOf('lock.value')}) AS taken
     FROM unnest($1::text[]) WITH ORDINALITY AS lock (value, at) ORDER BY lock.at`,
    [locks.map(({ value }) => value)],
  );
  return rows.map(({ taken }) => taken);
}
