import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import type { AppendResult, EventToAppend } from '../event-store.port';
import { appendStatement } from './append-statement';
import { EVENTS_CHANNEL } from './commit-announcer';

export interface HeldAppend {
  /** What the append returned inside the still open transaction. */
  result: AppendResult;
  /** Commits, then notifies as the committing process's store would. */
  commit(): Promise<void>;
}

/**
 * For tests: an append whose transaction stays open until `commit()`, so that appends started
 * after it can commit before it, the way a slow writer does in production.
 */
export async function beginHeldAppend(
  pool: Pool,
  stream: string,
  events: readonly EventToAppend[],
): Promise<HeldAppend> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await appendStatement(client, stream, events);
    return {
      result,
      commit: async () => {
        try {
          await client.query('COMMIT');
        } finally {
          client.release();
        }
        await pool.query(`SELECT pg_notify($1, '')`, [EVENTS_CHANNEL]);
      },
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release();
    throw error;
  }
}

export async function appendHoldingTransaction(
  pool: Pool,
  stream: string,
  events: readonly EventToAppend[],
  holdMs: number,
): Promise<AppendResult> {
  const held = await beginHeldAppend(pool, stream, events);
  await sleep(holdMs);
  await held.commit();
  return held.result;
}
