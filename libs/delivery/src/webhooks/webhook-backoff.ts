/** When a failed webhook delivery is tried again, and when the subscription gives up. */
export abstract class WebhookBackoff {
  /** The wait before attempt `attempt + 1`, after `attempt` (1, 2, ...) failed attempts. */
  abstract delayMs(attempt: number): number;
  /** How long the event at the head may keep failing before the subscription is marked failing. */
  abstract readonly giveUpAfterMs: number;
}

export interface ExponentialBackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  giveUpAfterMs: number;
  /** Up to this fraction of each delay is random, so endpoints back up are not hit in step. */
  jitter?: number;
  random?: () => number;
}

/** Doubles from `initialDelayMs` up to `maxDelayMs`, with jitter. */
export class ExponentialBackoff extends WebhookBackoff {
  readonly giveUpAfterMs: number;

  constructor(private readonly options: ExponentialBackoffOptions) {
    super();
    this.giveUpAfterMs = options.giveUpAfterMs;
  }

  delayMs(attempt: number): number {
    const { initialDelayMs, maxDelayMs, jitter = 0.2, random = Math.random } = this.options;
    const base = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(base * (1 - jitter * random()));
  }
}

/** From the first retry's wait (5 s by default), doubling up to an hour, for 24 hours. */
export function webhookBackoff(firstRetryMs: number): ExponentialBackoff {
  return new ExponentialBackoff({
    initialDelayMs: firstRetryMs,
    maxDelayMs: 60 * 60_000,
    giveUpAfterMs: 24 * 60 * 60_000,
  });
}
