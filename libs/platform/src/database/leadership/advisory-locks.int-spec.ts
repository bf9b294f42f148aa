import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { AdvisoryLock } from './advisory-lock';
import { holdingLocks, whileLeading } from './session-locks';
import { poolSessions } from './sql-session';
import { tryTransactionLocks } from './transaction-locks';

describe('advisory locks', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const sessions = () => poolSessions(db.pool)();
  const a = AdvisoryLock.hashed('test:a');
  const b = AdvisoryLock.hashed('test:b');

  /** Whether `locks` can be taken for a transaction on another connection now. */
  async function free(...locks: AdvisoryLock[]): Promise<boolean[]> {
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      return await tryTransactionLocks(client, locks);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  }

  it('keeps the keys earlier versions took: hashtextextended of a name, or a fixed key', async () => {
    const keys = await holdingLocks(sessions, [a, AdvisoryLock.keyed(7_311_966_001)], (session) =>
      session.query<{ same: boolean }>(
        `SELECT ((classid::bigint << 32) | objid::bigint) IN (hashtextextended('test:a', 0), 7311966001) AS same
         FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`,
      ),
    );
    expect(keys.rows).toEqual([{ same: true }, { same: true }]);
  });

  it('takes overlapping sets in one order, so that two holders never wait on each other', async () => {
    const order: string[] = [];
    const hold = (locks: AdvisoryLock[]) =>
      holdingLocks(sessions, locks, async () => {
        order.push('holds');
        await new Promise((resolve) => setTimeout(resolve, 50));
        order.push('lets go');
      });
    // Both wait while `a` is held elsewhere; taken in the order given, the second would hold `b`
    // meanwhile, and the two deadlock once `a` is let go (PostgreSQL failing one of them).
    let both: Promise<unknown> = Promise.resolve();
    await holdingLocks(sessions, [a], async () => {
      both = Promise.all([hold([a, b]), hold([b, a])]);
      await new Promise((resolve) => setTimeout(resolve, 200));
    });
    await both;
    expect(order).toEqual(['holds', 'lets go', 'holds', 'lets go']);
    expect(await free(a, b)).toEqual([true, true]);
  });

  it('takes transaction locks without waiting, answering which it got', async () => {
    await holdingLocks(sessions, [a], async () => {
      expect(await free(a, b)).toEqual([false, true]);
    });
    expect(await free(a)).toEqual([true]);
  });

  it('leads only while no other session holds the lock, and lets go after the work', async () => {
    const lock = AdvisoryLock.named('test:leader');
    let ran = 0;
    const led = await whileLeading(sessions, lock, async () => {
      expect(await whileLeading(sessions, lock, async () => void (ran += 10))).toBe(false);
      ran += 1;
    });
    expect(led).toBe(true);
    expect(ran).toBe(1);
    expect(await whileLeading(sessions, lock, async () => void (ran += 1))).toBe(true);
    expect(ran).toBe(2);
  });

  it('discards a session whose work failed, freeing its locks', async () => {
    await expect(
      holdingLocks(sessions, [a], () => Promise.reject(new Error('work failed'))),
    ).rejects.toThrow('work failed');
    expect(await free(a)).toEqual([true]);
  });
});
