import { workerLag, type WorkerLag } from '../../metrics/worker-lag';
import { Leadership, type LeadershipOptions } from './leadership';
import type { SqlSession } from './sql-session';

/**
 * A worker that runs in one instance of several (see `Leadership`) and reports its lag under
 * `lagName` while it leads or retries; a standby reports none, as the leader reports its own.
 */
export abstract class LeadingWorker<S extends SqlSession = SqlSession> {
  private readonly leadership: Leadership<S>;
  private untrack?: () => void;

  constructor(
    sessions: () => Promise<S>,
    private readonly lagName: string,
    options: LeadershipOptions,
  ) {
    this.leadership = new Leadership(sessions, options);
  }

  /** The work, on the lock's session, for as long as this instance leads: returns once `signal` aborts. */
  protected abstract lead(session: S): Promise<void>;

  /** How far the worker trails what it follows. */
  protected abstract backlog(): Promise<WorkerLag>;

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
    return this.leadership.standingBy ? null : this.backlog();
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
