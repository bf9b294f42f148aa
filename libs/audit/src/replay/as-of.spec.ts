import { includes, keepsPrefix, parseAsOf } from './as-of';

describe('as-of moments', () => {
  it('reads a position or an RFC 3339 time, on the recorded clock unless told', () => {
    expect(parseAsOf('1234')).toEqual({ position: 1234 });
    expect(parseAsOf('2026-03-01T10:00:00Z')).toEqual({
      time: new Date('2026-03-01T10:00:00Z'),
      by: 'recorded',
    });
    expect(parseAsOf('2026-03-01T11:00:00.250+01:00', 'happened')).toEqual({
      time: new Date('2026-03-01T10:00:00.250Z'),
      by: 'happened',
    });
  });

  it('refuses a time without its zone, a position on the happened clock, or anything else', () => {
    for (const text of ['', '-1', '2026-03-01', '2026-03-01T10:00:00', 'yesterday', '12.5']) {
      expect(parseAsOf(text)).toBeUndefined();
    }
    expect(parseAsOf('1234', 'happened')).toBeUndefined();
  });

  // A visit held on 1 March, reported on 5 March.
  const late = {
    position: 10,
    recordedAt: new Date('2026-03-05T09:00:00Z'),
    occurredAt: new Date('2026-03-01T10:00:00Z'),
  };

  it('includes events at or before the moment, on the clock asked', () => {
    const on = (time: string, by: 'recorded' | 'happened') => ({ time: new Date(time), by });
    expect(includes({ position: 10 }, late)).toBe(true);
    expect(includes({ position: 9 }, late)).toBe(false);
    expect(includes(on('2026-03-05T09:00:00Z', 'recorded'), late)).toBe(true);
    expect(includes(on('2026-03-05T08:59:59.999Z', 'recorded'), late)).toBe(false);
    expect(includes(on('2026-03-02T00:00:00Z', 'recorded'), late)).toBe(false);
    expect(includes(on('2026-03-02T00:00:00Z', 'happened'), late)).toBe(true);
    expect(includes(on('2026-03-01T09:59:59.999Z', 'happened'), late)).toBe(false);
    expect(includes(undefined, late)).toBe(true);
  });

  it('keeps a prefix of the stream except on the happened clock', () => {
    expect(keepsPrefix(undefined)).toBe(true);
    expect(keepsPrefix({ position: 3 })).toBe(true);
    expect(keepsPrefix({ time: new Date(), by: 'recorded' })).toBe(true);
    expect(keepsPrefix({ time: new Date(), by: 'happened' })).toBe(false);
  });
});
