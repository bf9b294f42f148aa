import { setTimeout as sleep } from 'node:timers/promises';

/** Exponential back-off for the `attempt`-th retry (0-based): 100 ms doubling up to `maxMs`. */
export function backoffMs(attempt: number, maxMs = 5_000): number {
  return Math.min(maxMs, 100 * 2 ** Math.min(attempt, 16));
}

/** Waits `ms`, or less when `signal` aborts; never throws. */
export async function pause(ms: number, signal: AbortSignal): Promise<void> {
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}
