import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SqlSession } from './sql-session';

/** The bigint key of a session-level advisory lock for `name` (sha256, its first 8 bytes). */
export function advisoryLockKey(name: string): string {
  return createHash('sha256').update(name).digest().readBigInt64BE().toString();
}

/**
 * Runs `work` while this process holds the advisory lock `lockKey` on a session of its own, and
 * answers false without running it when another instance holds the lock. The lock lives as long
 * as the connection: a process that dies or loses its connection frees it for a standby, and
 * `work` notices by its next query on `session` failing.
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

/** How long a worker waits before its next try after `failures` failures in a row. */
export function retryDelayMs(failures: number): number {
  return Math.min(30_000, 100 * 2 ** Math.min(failures, 8));
}

export interface LeadershipOptions {
  /** Names the advisory lock: of several instances with the same name, one leads. */
  name: string;
  /** How often a standby instance tries to take over. */
  standbyRetryMs?: number;
  log?: (line: string) => void;
  /** Told of each failure of `lead`, before the retry. */
  onFailure?: (error: Error) => void;
}

/**
 * Runs a worker's `lead` in one instance of several (see `whileLeading`). A standby tries again
 * every `standbyRetryMs` and takes over once the leader's connection is gone; a `lead` that fails
 * (a lost connection, a failed batch) is started again after a backoff.
 */
export class Leadership<S extends SqlSession = SqlSession> {
  private readonly stopping = new AbortController();
  private readonly lockKey: string;
  private running?: Promise<void>;
  private leading = false;
  private standing = true;

  constructor(
    private readonly sessions: () => Promise<S>,
    private readonly options: LeadershipOptions,
  ) {
    this.lockKey = advisoryLockKey(`consumer:${options.name}`);
  }

  /** Holds the lock now. */
  get leader(): boolean {
    return this.leading;
  }

  /** True until this instance holds the lock, and again once another instance holds it. */
  get standingBy(): boolean {
    return this.standing;
  }

  /** Aborted once `stop` is called: `lead` returns when it is. */
  get signal(): AbortSignal {
    return this.stopping.signal;
  }

  /** `lead` runs on the lock's session for as long as this instance leads, until stopped. */
  start(lead: (session: S) => Promise<void>): void {
    this.running ??= this.run(lead);
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  /** Sleeps, but not past `stop`. */
  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.stopping.signal }).catch(() => undefined);
  }

  private async run(lead: (session: S) => Promise<void>): Promise<void> {
    let failures = 0;
    while (!this.stopping.signal.aborted) {
      try {
        const led = await whileLeading(this.sessions, this.lockKey, async (session) => {
          this.leading = true;
          this.standing = false;
          try {
            await lead(session);
          } finally {
            this.leading = false;
          }
        });
        if (led) failures = 0;
        else {
          this.standing = true;
          await this.pause(this.options.standbyRetryMs ?? 2_000);
        }
      } catch (error) {
        failures += 1;
        this.options.onFailure?.(error as Error);
        this.options.log?.(`consumer ${this.options.name}: ${(error as Error).message}; retrying`);
        await this.pause(retryDelayMs(failures));
      }
    }
  }
}
