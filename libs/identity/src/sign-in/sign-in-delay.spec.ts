import { failuresAt, SIGN_IN_DELAYS, waitSeconds, type AttemptKind } from './sign-in-delay';

describe('the wait before a sign-in attempt is checked', () => {
  const at = new Date('2026-03-01T09:00:00Z');
  const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);
  const count = (kind: AttemptKind, failures: number) => ({ kind, failures, lastAttemptAt: at });

  it('is none for the free failures of an account or an address', () => {
    expect(waitSeconds(count('account', SIGN_IN_DELAYS.freeFailures.account - 1), at)).toBe(0);
    expect(waitSeconds(count('address', SIGN_IN_DELAYS.freeFailures.address - 1), at)).toBe(0);
  });

  it('doubles with every failure after those, up to a cap', () => {
    const free = SIGN_IN_DELAYS.freeFailures.account;
    expect(waitSeconds(count('account', free), at)).toBe(2);
    expect(waitSeconds(count('account', free + 1), at)).toBe(4);
    expect(waitSeconds(count('account', free + 3), at)).toBe(16);
    expect(waitSeconds(count('account', free + 40), at)).toBe(15 * 60);
    expect(waitSeconds(count('address', SIGN_IN_DELAYS.freeFailures.address), at)).toBe(2);
  });

  it('counts from the last attempt, and ends: no lockout of the right password', () => {
    const failed = count('account', SIGN_IN_DELAYS.freeFailures.account + 2);
    expect(waitSeconds(failed, later(3))).toBe(5);
    expect(waitSeconds(failed, later(8))).toBe(0);
  });

  it('forgets failures after an hour without attempts', () => {
    const many = count('account', 30);
    expect(failuresAt(many, later(59 * 60))).toBe(30);
    expect(failuresAt(many, later(60 * 60))).toBe(0);
  });
});
