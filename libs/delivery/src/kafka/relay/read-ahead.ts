import type { FeedEntry } from '../../feed/partner-feed-types';

/**
 * Keeps three batches in flight: the feed read of batch N+2, the preparation of batch N+1 and
 * (by the caller) the produce of batch N, so that the relay's reads and access-log writes overlap
 * its produce instead of adding to it. Reads follow each other, and so do preparations, in feed
 * order; nothing is read more than two batches ahead. A failure surfaces where its batch is
 * taken, never as an unhandled rejection.
 */
export class ReadAhead<P> {
  private current!: Promise<P | undefined>;
  private ahead!: Promise<FeedEntry[]>;

  constructor(
    private readonly read: (afterSeq: number) => Promise<FeedEntry[]>,
    private readonly prepare: (entries: FeedEntry[]) => Promise<P>,
    afterSeq: number,
  ) {
    this.restart(afterSeq);
  }

  /** Starts over after `afterSeq`: after the feed had nothing more, or after a restart. */
  restart(afterSeq: number): void {
    const first = quiet(this.read(afterSeq));
    this.current = quiet(first.then((entries) => this.prepared(entries)));
    this.ahead = quiet(first.then((entries) => this.following(entries)));
  }

  /** The next batch made ready, or undefined when the feed had nothing more yet. */
  async next(): Promise<P | undefined> {
    const batch = await this.current;
    if (batch !== undefined) {
      const ahead = this.ahead;
      this.current = quiet(ahead.then((entries) => this.prepared(entries)));
      this.ahead = quiet(ahead.then((entries) => this.following(entries)));
    }
    return batch;
  }

  /** Waits for what is in flight, whatever its outcome. */
  async settle(): Promise<void> {
    await Promise.all([this.current.catch(() => undefined), this.ahead.catch(() => undefined)]);
  }

  private prepared(entries: FeedEntry[]): Promise<P | undefined> | undefined {
    return entries.length > 0 ? this.prepare(entries) : undefined;
  }

  private following(entries: FeedEntry[]): Promise<FeedEntry[]> | FeedEntry[] {
    return entries.length > 0 ? this.read(entries[entries.length - 1]!.seq) : [];
  }
}

function quiet<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
