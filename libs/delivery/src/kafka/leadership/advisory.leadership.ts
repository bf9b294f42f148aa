import { createHash } from 'node:crypto';
import type { SqlSession } from '@samenloop/event-store';

/**
 * The bigint key of a session-level advisory lock for `name`. Derived the way the event store's
 * CheckpointedConsumer derives its keys (sha256, first 8 bytes), under another namespace, so the
 * two never collide by accident.
 */
export function advisoryLockKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE().toString();
}

/**
 * Runs `work` while this process holds the advisory lock `lockKey` on a session of its own, and
 * answers false without running it when another instance holds the lock. The lock lives as long
 * as the connection: a process that dies or loses its connection frees it for a standby, and
 * `work` notices by its next query on `session` failing.
 *
 * This is CheckpointedConsumer's leadership without its event-store subscription; both could use
 * one shared helper.
 */
export async function whileLeading<S extends SqlSession>(
  sessions: () => Promise<S>,
  lockKey: string,
  work: (session: S) => Promise<void>,
): Promise<boolean> {
  const session = await sessions();
  let broken = false;
  try {
    const { rows } = await session.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1::bigint) AS locked',
      [lockKey],
    );
    if (!rows[0]?.locked) return false;
    try {
      await work(session);
    } finally {
      await session.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey]).catch(() => {
        broken = true;
      });
    }
    return true;
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    // A connection that failed mid-way may still hold the lock or a transaction: discard it.
    session.release(broken);
  }
}
