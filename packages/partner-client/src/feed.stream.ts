import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { FeedEvent } from './events';
import { SamenloopProblemError } from './problem.error';
import { backoffDelayMs, RETRIED_STATUSES, retryAfterMs, type RetryOptions } from './retry';

export interface StreamOptions {
  /** Resume after this cursor (an event's `cursor`); from the start of your feed when absent. */
  after?: number;
  /** Aborting it ends the stream: the generator returns. */
  signal?: AbortSignal;
}

export interface StreamContext {
  /** Opens the event stream, resuming after `lastEventId` when given. */
  connect(lastEventId: string | undefined, signal: AbortSignal): Promise<Response>;
  retry: RetryOptions;
  random?: () => number;
}

/**
 * The feed as server-sent events, for as long as the caller reads: when the connection drops or
 * the hub restarts, it connects again after the hub's `retry` (or a backoff after a failed
 * attempt) and resumes with Last-Event-ID, so nothing is skipped or delivered twice. Refusals
 * (a revoked token, an unknown cursor) end it with a SamenloopProblemError; so do
 * `retry.attempts` failed connections in a row.
 */
export async function* followStream(
  context: StreamContext,
  { after, signal }: StreamOptions = {},
): AsyncGenerator<FeedEvent, void, undefined> {
  let lastEventId = after === undefined ? undefined : String(after);
  let failures = 0;
  let reconnectMs: number | undefined;
  while (!signal?.aborted) {
    const connection = new AbortController();
    const connectionSignal = signal
      ? AbortSignal.any([signal, connection.signal])
      : connection.signal;
    let wait: number | undefined;
    try {
      const response = await context.connect(lastEventId, connectionSignal);
      if (response.ok && response.body) {
        failures = 0;
        const received: EventSourceMessage[] = [];
        const parser = createParser({
          onEvent: (message) => received.push(message),
          onRetry: (ms) => (reconnectMs = ms),
        });
        for await (const chunk of response.body.pipeThrough(new TextDecoderStream())) {
          parser.feed(chunk);
          for (const message of received.splice(0)) {
            lastEventId = message.id ?? lastEventId;
            yield JSON.parse(message.data) as FeedEvent;
          }
        }
        // The hub ended the stream (it restarted): come back after its `retry`.
        wait = reconnectMs;
      } else if (RETRIED_STATUSES.has(response.status) && failures + 1 < context.retry.attempts) {
        failures++;
        wait = retryAfterMs(response.headers.get('retry-after'));
        await response.body?.cancel();
      } else {
        throw await SamenloopProblemError.of(response);
      }
    } catch (error) {
      if (signal?.aborted) return;
      if (error instanceof SamenloopProblemError) throw error;
      // A dropped connection or an unreachable hub: try again, up to the attempts allowed.
      failures++;
      if (failures >= context.retry.attempts) throw error;
    } finally {
      connection.abort();
    }
    const backoff = backoffDelayMs(Math.max(0, failures - 1), context.retry, context.random);
    if (!(await pause(wait ?? backoff, signal))) return;
  }
}

/** Waits `ms`; false when `signal` aborted the wait. */
function pause(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
