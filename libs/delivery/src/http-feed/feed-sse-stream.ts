import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import type { FeedEntry } from '../feed/partner-feed-types';
import type { PostgresPartnerFeed } from '../feed/postgres-partner-feed';
import { nextEntries } from './next-entries-reader';

const PAGE = 100;
/** Tells EventSource clients how long to wait before reconnecting. */
const RECONNECT_MS = 3_000;

export interface SseStreamOptions {
  feed: PostgresPartnerFeed;
  partnerId: string;
  afterSeq: number;
  heartbeatMs: number;
  signal: AbortSignal;
  /** Asked before anything is written: false when the stream's token no longer holds. */
  authorized(): Promise<boolean>;
  /** Called before entries are written: the access log. */
  delivering(entries: readonly FeedEntry[]): Promise<void>;
}

/**
 * Writes one partner's feed as server-sent events until the client leaves, the hub stops or the
 * token that opened the stream is rotated or revoked:
 * `id` is the cursor (EventSource resumes with it as Last-Event-ID), `data` the CloudEvent, and
 * a comment line whenever nothing was written for `heartbeatMs`.
 */
export async function streamSse(raw: ServerResponse, options: SseStreamOptions): Promise<void> {
  const { feed, partnerId, heartbeatMs, signal } = options;
  let { afterSeq } = options;
  let lastWrite = Date.now();
  const write = async (chunk: string) => {
    lastWrite = Date.now();
    // Backpressure: a slow client holds this loop, not the hub's memory.
    if (!raw.write(chunk)) await once(raw, 'drain', { signal });
  };
  await write(`retry: ${RECONNECT_MS}\n\n`);
  while (!signal.aborted) {
    const timeoutMs = Math.max(0, lastWrite + heartbeatMs - Date.now());
    const entries = await nextEntries(feed, partnerId, afterSeq, PAGE, { signal, timeoutMs });
    if (signal.aborted || !(await options.authorized())) return;
    if (entries.length > 0) {
      await options.delivering(entries);
      // One write for the page: what was read at one wake-up goes out together.
      await write(
        entries
          .map(({ position, event }) => `id: ${position}\ndata: ${JSON.stringify(event)}\n\n`)
          .join(''),
      );
      afterSeq = entries.at(-1)!.seq;
    } else if (Date.now() - lastWrite >= heartbeatMs) {
      await write(`: heartbeat\n\n`);
    }
  }
}
