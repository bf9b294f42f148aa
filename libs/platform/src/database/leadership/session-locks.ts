import { AdvisoryLock } from './advisory-lock';
import type { SqlSession } from './sql-session';

type Held<T> = { held: true; result: T } | { held: false };

/**
 * Runs `work` on a session of its own while holding `locks` at session level: it waits for each
 * (in `AdvisoryLock.inOrder`, so two callers of overlapping sets cannot wait on each other), and
 * lets go once `work` ends.
 */
export async function holdingLocks<S extends SqlSession, T>(
  sessions: () => Promise<S>,
  locks: readonly AdvisoryLock[],
  work: (session: S) => Promise<T>,
): Promise<T> {
  const outcome = await onLockedSession(sessions, locks, true, work);
  if (!outcome.held) throw new Error('a waited-for advisory lock was not taken');
  return outcome.result;
}

/**
 * Runs `work` while this process holds `lock` on a session of its own, and answers false without
 * running it when another session holds the lock. The lock lives as long as the connection: a
 * process that dies or loses its connection frees it for a standby, and `work` notices by its next
 * query on `session` failing.
 */
export async function whileLeading<S extends SqlSession>(
  sessions: () => Promise<S>,
  lock: AdvisoryLock,
  work: (session: S) => Promise<void>,
): Promise<boolean> {
  return (await onLockedSession(sessions, [lock], false, work)).held;
}

async function onLockedSession<S extends SqlSession, T>(
  sessions: () => Promise<S>,
  locks: readonly AdvisoryLock[],
  waiting: boolean,
  work: (session: S) => Promise<T>,
): Promise<Held<T>> {
  const session = await sessions();
  const held: AdvisoryLock[] = [];
  let broken = false;
  try {
    for (const lock of AdvisoryLock.inOrder(locks)) {
      const { rows } = await session.query<{ locked: boolean | string }>(
        `SELECT pg_${waiting ? '' : 'try_'}advisory_lock(${lock.keyOf('$1')}) AS locked`,
        [lock.value],
      );
      if (!waiting && rows[0]?.locked !== true) return { held: false };
      held.push(lock);
    }
    return { held: true, result: await work(session) };
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    for (const lock of held.reverse()) {
      await session
        .query(`SELECT pg_advisory_unlock(${lock.keyOf('$1')})`, [lock.value])
        .catch(() => (broken = true));
    }
    // A connection that failed mid-way may still hold a lock or a transaction: discard it.
    session.release(broken);
  }
}
