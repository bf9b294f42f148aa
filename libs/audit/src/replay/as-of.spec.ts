import { includes, parseAsOf } from './as-of';

describe('as-of moments', () => {
  it('reads a position or an RFC 3339 time', () => {
    expect(parseAsOf('1234')).toEqual({ position: 1234 });
    expect(parseAsOf('2026-03-01T10:00:00Z')).toEqual({ time: new Date('2026-03-01T10:00:00Z') });
    expect(parseAsOf('2026-03-01T11:00:00.250+01:00')).toEqual({
      time: new Date('2026-03-01T10:00:00.250Z'),
    });
  });

  it('refuses a time without its zone, or anything else', () => {
    for (const text of ['', '-1', '2026-03-01', '2026-03-01T10:00:00', 'yesterday', '12.5']) {
      expect(parseAsOf(text)).toBeUndefined();
    }
  });

  it('includes events at or before the moment', () => {
    const event = { position: 10, recordedAt: new Date('2026-03-01T10:00:00Z') };
    expect(includes({ position: 10 }, event)).toBe(true);
    expect(includes({ position: 9 }, event)).toBe(false);
    expect(includes({ time: new Date('2026-03-01T10:00:00Z') }, event)).toBe(true);
    expect(includes({ time: new Date('2026-03-01T09:59:59.999Z') }, event)).toBe(false);
    expect(includes(undefined, event)).toBe(true);
  });
});
