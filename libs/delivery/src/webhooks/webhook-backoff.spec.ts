import { ExponentialBackoff, webhookBackoff } from './webhook-backoff';

describe('webhook backoff', () => {
  const without = (jitter: number, random = () => 1) =>
    new ExponentialBackoff({
      initialDelayMs: 1_000,
      maxDelayMs: 10_000,
      giveUpAfterMs: 60_000,
      jitter,
      random,
    });

  it('doubles from the initial delay up to the maximum', () => {
    const backoff = without(0);
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoff.delayMs(attempt))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });

  it('takes up to the jitter fraction off each delay, at random', () => {
    expect(without(0.2, () => 1).delayMs(3)).toBe(3_200);
    expect(without(0.2, () => 0).delayMs(3)).toBe(4_000);
  });

  it('retries for 24 hours from the first wait, at most an hour apart', () => {
    const backoff = webhookBackoff(5_000);
    expect(backoff.giveUpAfterMs).toBe(24 * 60 * 60 * 1000);
    expect(backoff.delayMs(1)).toBeGreaterThan(3_999);
    expect(backoff.delayMs(1)).toBeLessThanOrEqual(5_000);
    expect(backoff.delayMs(50)).toBeLessThanOrEqual(60 * 60 * 1000);
  });
});
