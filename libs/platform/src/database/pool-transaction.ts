import type { Pool, PoolClient } from 'pg';

/**
 * Runs `work` in a transaction on a connection of its own, committed when `work` resolves and
 * rolled back when it throws. While the connection is checked out it is listened to for errors:
 * pg emits 'error' on a connection the server ends (a restart, a failover), and unheard that would
 * take the whole process down; the next statement fails instead, and the connection is discarded.
 */
export async function inPoolTransaction<T>(
  pool: Pool,
  work: (connection: PoolClient) => Promise<T>,
  /** Whether to commit what `work` did; by default always. */
  commit: (result: T) => boolean = () => true,
): Promise<T> {
  const connection = await pool.connect();
  let broken = false;
  const noteBroken = () => {
    broken = true;
  };
  connection.on('error', noteBroken);
  try {
    await connection.query('BEGIN');
    try {
      const result = await work(connection);
      await connection.query(commit(result) ? 'COMMIT' : 'ROLLBACK');
      return result;
    } catch (error) {
      await connection.query('ROLLBACK').catch(noteBroken);
      throw error;
    }
  } finally {
    connection.off('error', noteBroken);
    connection.release(broken);
  }
}
