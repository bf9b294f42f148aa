import { setTimeout as sleep } from 'node:timers/promises';
import type { AdvisoryLock } from './advisory-lock';
import { whileLeading } from './session-locks';
import type { SqlSession } from './sql-session';

/** How long a worker waits before its next try after `failures` failures in a row. */
export function retryDelayMs(failures: number): number {
  return Math.min(30_000, 100 * 2 ** Math.min(failures, 8));
}

export interface LeadershipOptions {
  /** Of several instances taking the same lock, one leads. */
  lock: AdvisoryLock;
  /** How often a standby instance tries to take over. */
  standbyRetryMs?: number;
  /** Told of each failure of `lead`, and how long until it is started again. */
  onFailure?: (error: Error, retryInMs: number) => void;
}

/**
 * Runs a worker's `lead` in one instance of several (see `whileLeading`). A standby tries again
 * every `standbyRetryMs` and takes over once the leader's connection is gone; a `lead` that fails
 * (a lost connection, a failed batch) is started again after a backoff.
 */
export class Leadership<S extends SqlSession = SqlSession> {
  private readonly stopping = new AbortController();
  private running?: Promise<void>;
  private leading = false;
  private standing = true;

  constructor(
    private readonly sessions: () => Promise<S>,
    private readonly options: LeadershipOptions,
  ) {}

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
        const led = await whileLeading(this.sessions, this.options.lock, async (session) => {
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
        const retryInMs = retryDelayMs(failures);
        this.options.onFailure?.(error as Error, retryInMs);
        await this.pause(retryInMs);
      }
    }
  }
}
