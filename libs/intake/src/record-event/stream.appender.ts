import { Injectable } from '@nestjs/common';
import {
  EventStore,
  type AppendOptions,
  type AppendResult,
  type EventToAppend,
} from '@samenloop/event-store';
import { BatchFlusher, type Settled } from './batch.flusher';

/** One stream's part of a multi-stream append. */
export interface StreamAppend {
  stream: string;
  events: readonly EventToAppend[];
  options?: AppendOptions;
}

/** What a store's `appendMany` answers for each stream: its result or its own error. */
export type StreamAppendOutcome =
  { ok: true; result: AppendResult } | { ok: false; error: unknown };

/**
 * The multi-stream append a store may offer: the appends to several streams in one transaction
 * (one round trip and one commit on PostgreSQL), each checked on its own (expected revision,
 * idempotency), so that a conflict on one stream leaves the others to succeed; resolved once durable.
 */
type AppendMany = (appends: readonly StreamAppend[]) => Promise<readonly StreamAppendOutcome[]>;

/** Most streams in one multi-stream append. */
const MAX_STREAMS_PER_APPEND = 100;

/**
 * Appends for the intake's writers. When the store offers `appendMany`, the appends of concurrent
 * requests (for different clients: one client's writers queue) share one call, group commit; else
 * each is the store's own `append`, as before.
 */
@Injectable()
export class StreamAppender {
  private readonly batches?: BatchFlusher<StreamAppend, AppendResult>;

  constructor(private readonly store: EventStore) {
    const appendMany = (store as EventStore & { appendMany?: AppendMany }).appendMany;
    if (typeof appendMany === 'function') {
      this.batches = new BatchFlusher(
        async (appends) =>
          (await appendMany.call(store, appends)).map((outcome): Settled<AppendResult> =>
            outcome.ok ? { ok: true, value: outcome.result } : { ok: false, error: outcome.error },
          ),
        { maxBatch: MAX_STREAMS_PER_APPEND },
      );
    }
  }

  /** Whether appends of concurrent requests share a store call. */
  get grouped(): boolean {
    return this.batches !== undefined;
  }

  append(
    stream: string,
    events: readonly EventToAppend[],
    options: AppendOptions,
  ): Promise<AppendResult> {
    return this.batches
      ? this.batches.submit({ stream, events, options })
      : this.store.append(stream, events, options);
  }
}
