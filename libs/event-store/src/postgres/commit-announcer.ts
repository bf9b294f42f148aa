import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';

/** Events were committed: subscriptions elsewhere read on. */
export const EVENTS_CHANNEL = 'samenloop_events';

/**
 * NOTIFYs at least this far apart. One writer appending without pause sent one per append, which
 * cost the server and this process about as much CPU again as a raw INSERT, and a quarter of the
 * appends per second. The first commit after a pause is still announced at once.
 */
const MIN_GAP_MS = 5;

/**
 * Tells other processes that events were committed (readers in this process are woken directly).
 * NOTIFY runs after the append, on its own: inside the append transaction it would hold the global
 * notify lock through commit and serialise all committers. At most one is in flight; appends
 * finishing meanwhile share the next one.
 */
export class CommitAnnouncer {
  private inFlight?: Promise<void>;
  private pending = false;
  private lastSentAt = -Infinity;

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
      const wait = this.lastSentAt + MIN_GAP_MS - performance.now();
      if (wait > 0) await sleep(wait);
      this.pending = false;
      this.lastSentAt = performance.now();
      // A plain NOTIFY (simple protocol, nothing to plan) costs about half of SELECT pg_notify().
      await this.pool
        .query(`NOTIFY ${EVENTS_CHANNEL}`)
        .catch((error: Error) => this.log(`event store notify failed: ${error.message}`));
    }
    this.inFlight = undefined;
  }
}
