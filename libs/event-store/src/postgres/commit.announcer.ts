import type { Pool } from 'pg';
import { EVENTS_CHANNEL } from './notification.listener';

/**
 * Tells other processes that events were committed. NOTIFY runs after the append, on its own:
 * inside the append transaction it would hold the global notify lock through commit and serialise
 * all committers. At most one is in flight; appends finishing meanwhile share one more.
 */
export class CommitAnnouncer {
  private inFlight?: Promise<void>;
  private pending = false;

  constructor(
    private readonly pool: Pool,
    private readonly log: (line: string) => void,
  ) {}

  announce(): void {
    this.pending = true;
    this.inFlight ??= this.send();
  }

  /** Resolves when no NOTIFY is in flight, so the caller may end the pool. */
  async settled(): Promise<void> {
    await this.inFlight;
  }

  private async send(): Promise<void> {
    while (this.pending) {
      this.pending = false;
      await this.pool
        .query(`SELECT pg_notify($1, '')`, [EVENTS_CHANNEL])
        .catch((error: Error) => this.log(`event store notify failed: ${error.message}`));
    }
    this.inFlight = undefined;
  }
}
