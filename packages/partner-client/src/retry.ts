import { setTimeout as delay } from 'node:timers/promises';

export interface RetryOptions {
  /** Attempts in all, the first one included; 1 turns retrying off. */
  attempts: number;
  /** The cap of the first backoff; each retry doubles it. */
  firstDelayMs: number;
  /** The largest backoff, and the longest Retry-After honoured: a longer one ends the retries. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = { attempts: 6, firstDelayMs: 250, maxDelayMs: 30_000 };

/**
 * Answers that say "not now" rather than "no": rate limited, or the hub (or a proxy before it)
 * briefly unavailable. Anything else below 500 is a refusal, and sending it again would not help.
 */
export const RETRIED_STATUSES: ReadonlySet<number> = new Set([429, 502, 503, 504]);

/**
 * Exponential backoff with full jitter: a random wait up to `firstDelayMs * 2^retry`, capped, so
 * that partners refused together do not all come back at the same moment. `retry` counts from 0.
 */
export function backoffDelayMs(
  retry: number,
  options: RetryOptions,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.firstDelayMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/** A Retry-After header in milliseconds from `now`: delta-seconds or an HTTP date. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // An HTTP date names its weekday (`Sun, 01 Mar 2026 09:30:05 GMT`); Date.parse takes far more.
  if (!/^[a-z]{3}, /i.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

export interface RetryContext {
  options: RetryOptions;
  /** The caller's signal: aborting it ends the waits and the attempts. */
  signal?: AbortSignal;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<unknown>;
}

const sleepFor = (ms: number, signal?: AbortSignal) => delay(ms, undefined, { signal });

/**
 * Sends until the answer is neither a retried status nor a network failure, or the attempts are
 * spent; answers the last response (the caller judges its status) or throws the last network
 * error. Only requests that are safe to repeat may come here: a CloudEvent keeps its id on every
 * attempt, so the hub stores it once and answers a resend with the first receipt.
 */
export async function sendWithRetry(
  send: () => Promise<Response>,
  { options, signal, random, sleep = sleepFor }: RetryContext,
): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    const last = attempt >= options.attempts;
    let wait: number | undefined;
    try {
      const response = await send();
      if (!RETRIED_STATUSES.has(response.status) || last) return response;
      wait = retryAfterMs(response.headers.get('retry-after'));
      if (wait !== undefined && wait > options.maxDelayMs) return response;
      // The body is not needed: release the connection.
      await response.body?.cancel();
    } catch (error) {
      if (signal?.aborted || last) throw error;
    }
    await sleep(wait ?? backoffDelayMs(attempt - 1, options, random), signal);
  }
}
