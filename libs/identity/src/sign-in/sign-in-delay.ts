export type AttemptKind = 'account' | 'address';

/**
 * Failed sign-ins allowed without delay: few per account (guessing one password), more per
 * address (an office behind one address, or someone trying many accounts). After those, each
 * further attempt waits twice as long as the one before, up to a cap: never a lockout that
 * refuses the right password once its wait is over. Counts are forgotten after an hour without
 * attempts.
 */
export const SIGN_IN_DELAYS = {
  freeFailures: { account: 5, address: 20 },
  firstDelaySeconds: 2,
  maxDelaySeconds: 15 * 60,
  forgetAfterMinutes: 60,
} as const;

export interface AttemptCount {
  kind: AttemptKind;
  failures: number;
  lastAttemptAt: Date;
}

/** The failures that still count at `now`. */
export function failuresAt({ failures, lastAttemptAt }: AttemptCount, now: Date): number {
  const forgetAt = lastAttemptAt.getTime() + SIGN_IN_DELAYS.forgetAfterMinutes * 60_000;
  return now.getTime() >= forgetAt ? 0 : failures;
}

/** Seconds to wait before the next attempt may be checked; 0 when it may be checked now. */
export function waitSeconds(count: AttemptCount, now: Date): number {
  const extra = failuresAt(count, now) - SIGN_IN_DELAYS.freeFailures[count.kind];
  if (extra < 0) return 0;
  const delay = Math.min(
    SIGN_IN_DELAYS.maxDelaySeconds,
    SIGN_IN_DELAYS.firstDelaySeconds * 2 ** extra,
  );
  const remaining = count.lastAttemptAt.getTime() + delay * 1000 - now.getTime();
  return remaining > 0 ? Math.ceil(remaining / 1000) : 0;
}
