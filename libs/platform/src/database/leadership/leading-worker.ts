import { LAG_COUNT_LIMIT, lagOf, workerLag, type WorkerLag } from '../../metrics/worker-lag';
import { AdvisoryLock } from './advisory-lock';
import { Leadership, type LeadershipOptions } from './leadership';
import type { SqlSession } from './sql-session';

export interface LeadingWorkerOptions extends Omit<LeadershipOptions, 'lock'> {
  /** Names the advisory lock: of the instances with the same name, one leads. */
  lock: string;
  /** Names the worker's lag in the metrics and the readiness check. */
  lagName: string;
}

/** What a worker has not handled yet: how many (counted up to `limit`), and when the oldest was recorded. */
export interface Backlog {
  pending: number;
  oldestAt: Date | null;
}

/**
 * A worker that runs in one instance of several (see `Leadership`) and reports its lag under
 * `lagName` while it leads or retries; a standby reports none, as the leader reports its own.
 */
export abstract class LeadingWorker<S extends SqlSession = SqlSession> {
  private readonly leadership: Leadership<S>;
  private readonly lagName: string;
  private untrack?: () => void;

  constructor(sessions: () => Promise<S>, { lock, lagName, ...options }: LeadingWorkerOptions) {
    this.leadership = new Leadership(sessions, { ...options, lock: AdvisoryLock.named(lock) });
    this.lagName = lagName;
  }

  /** The work, on the lock's session, for as long as this instance leads: returns once `signal` aborts. */
  protected abstract lead(session: S): Promise<void>;

  /** What the worker trails by; counting stops at `limit`, as beyond it a worker is simply far behind. */
  protected abstract backlog(limit: number): Promise<Backlog>;

  start(): void {
    this.untrack ??= workerLag.track(this.lagName, () => this.lag());
    this.leadership.start((session) => this.lead(session));
  }

  /** Lets the work in flight finish, then stops. */
  async stop(): Promise<void> {
    this.untrack?.();
    await this.leadership.stop();
  }

  /** Null on standby. */
  async lag(): Promise<WorkerLag | null> {
    if (this.leadership.standingBy) return null;
    const { pending, oldestAt } = await this.backlog(LAG_COUNT_LIMIT);
    return lagOf(pending, oldestAt);
  }

  /** Holds the lock now. */
  protected get leader(): boolean {
    return this.leadership.leader;
  }

  /** Aborted once `stop` is called. */
  protected get signal(): AbortSignal {
    return this.leadership.signal;
  }
}
