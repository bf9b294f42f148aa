/**
 * The event store port: the single source of truth for every client stream and the global log.
 * An abstract class so that it serves as the Nest DI token; adapters extend it.
 *
 * Positions are numbers (safe integers) that identify an event in the global log. They are
 * cursors, not counters: `from` on the global log is the position of the last event already
 * processed (exclusive), and the order of the log is the store's delivery order, which every
 * reader sees the same way.
 */
import type { PoolClient } from 'pg';

export type Position = number;

/** `any`, `no-stream` (the stream must not exist), `exists`, or the revision of the last event. */
export type ExpectedRevision = 'any' | 'no-stream' | 'exists' | number;

export interface EventToAppend {
  /** A UUID; appending the same id to the same stream again is idempotent when the content is equal. */
  id: string;
  type: string;
  data: unknown;
  metadata?: Record<string, unknown>;
}

export interface RecordedEvent {
  id: string;
  stream: string;
  /** 0-based, contiguous per stream. */
  revision: number;
  position: Position;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recordedAt: Date;
  /** SHA-256 (hex) over this event and the previous event's hash of the same stream. */
  hash: string;
  /** The hash of the stream's previous event; null for revision 0. */
  previousHash: string | null;
}

export interface AppendResult {
  /** The revision of the stream's last event after the append. */
  nextRevision: number;
  /** The global position of each appended event, in order. */
  positions: Position[];
  /** True when every event was already stored with the same content and nothing was written. */
  alreadyStored: boolean;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface ReadStreamOptions {
  /** First revision to read (inclusive); defaults to the start, or the end when reading backwards. */
  from?: number;
  direction?: 'forwards' | 'backwards';
  limit?: number;
}

/** A stream to read from its start, up to `limit` events (all when unset). */
export interface StreamRead {
  stream: string;
  limit?: number;
}

export interface ReadAllOptions {
  /** Read the events after this position (exclusive); `start` (default) reads from the beginning. */
  from?: Position | 'start';
  limit?: number;
  /** Only events of these types. */
  types?: readonly string[];
}

export interface SubscribeToAllOptions {
  from?: Position | 'start';
  types?: readonly string[];
  /**
   * Once caught up, read at most this often (ms): a commit sooner waits out the rest. A
   * subscriber that gathers events anyway then costs the store a read per interval under load
   * rather than one per commit; a commit after a quiet spell is still read at once. An adapter
   * that pushes events ignores it.
   */
  readIntervalMs?: number;
  /** Ends the subscription; the iterator then finishes without error. */
  signal?: AbortSignal;
}

export interface BacklogOptions {
  types?: readonly string[];
  /** Counts up to this many events: a backlog beyond it is reported as `limit`. */
  limit: number;
}

/** What a reader at some position has yet to read. */
export interface Backlog {
  /** Events after the position, up to the limit. */
  events: number;
  /** When the first of them was recorded; null when there is none. */
  oldestRecordedAt: Date | null;
}

/** One stream's part of `appendMany`. */
export interface StreamAppend {
  stream: string;
  events: readonly EventToAppend[];
  options?: AppendOptions;
}

/** `appendMany`'s answer for one stream: its result, or the error `append` would have thrown. */
export type StreamAppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: Error };

/**
 * Appends that join a PostgreSQL transaction of the caller's, so that its own writes (receipts,
 * index rows) and the events commit together or not at all. Only a store on that same database
 * offers them.
 */
export interface JoinedAppends {
  /** `appendMany` on the caller's connection; nothing is durable before the caller commits. */
  appendMany(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]>;
  /** Called once the caller's transaction committed: wakes the store's subscribers. */
  committed(): void;
}

/** Streams the default `readStreams` reads at once: a few, so as not to hold the whole pool. */
const PARALLEL_STREAM_READS = 4;

export abstract class EventStore {
  /**
   * Appends on `connection`, inside the transaction the caller opened there; undefined when this
   * store keeps its events elsewhere. The caller must write nothing in that transaction before the
   * appends: a write takes the transaction id, which must come after the stream locks the appends
   * take (see the stream locks' migration). Reads and advisory locks may come first.
   */
  joinTransaction(_connection: PoolClient): JoinedAppends | undefined {
    return undefined;
  }

  /**
   * Appends to several streams at once, answering each in input order. Each append is checked on
   * its own (expected revision, idempotency) and a refusal of one leaves the others to succeed.
   * This default appends one by one; an adapter that can write them in one transaction does so
   * (group commit). Resolves when every written event is durable.
   */
  async appendMany(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]> {
    return Promise.all(
      appends.map(({ stream, events, options }) =>
        this.append(stream, events, options).then(
          (result): StreamAppendOutcome => ({ ok: true, result }),
          (error: Error): StreamAppendOutcome => ({ ok: false, error }),
        ),
      ),
    );
  }

  abstract append(
    stream: string,
    events: readonly EventToAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult>;

  /** The stream's events; an empty list when the stream does not exist. */
  abstract readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /**
   * Several streams, each as `readStream(stream, { limit })` gives it, answered in input order.
   * This default reads a few streams at a time; an adapter that can read them in one statement
   * does so.
   */
  async readStreams(reads: readonly StreamRead[]): Promise<RecordedEvent[][]> {
    const answers: RecordedEvent[][] = new Array(reads.length);
    let next = 0;
    const reader = async () => {
      for (let index = next++; index < reads.length; index = next++) {
        const { stream, limit } = reads[index]!;
        answers[index] = await this.readStream(stream, limit === undefined ? {} : { limit });
      }
    };
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL_STREAM_READS, reads.length) }, reader),
    );
    return answers;
  }

  abstract readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /**
   * Catches up from `from`, then follows live appends. Pull-based: the next page is read only
   * when the consumer asks for more, so a slow consumer holds the store back, not memory.
   */
  abstract subscribeToAll(options?: SubscribeToAllOptions): AsyncIterable<RecordedEvent>;

  /**
   * The events after `from` (exclusive) that a reader there has yet to see: how far a consumer
   * trails the log. This default reads them; an adapter that can count them does so instead.
   */
  async backlog(from: Position | 'start', { types, limit }: BacklogOptions): Promise<Backlog> {
    const events = await this.readAll({ from, types, limit });
    return { events: events.length, oldestRecordedAt: events[0]?.recordedAt ?? null };
  }

  /** Releases connections and wakes and ends open subscriptions. */
  abstract close(): Promise<void>;
}
