import { fixedDurationMs, parseIsoDuration } from './iso-duration';

describe('ISO 8601 durations', () => {
  it('reads calendar and clock parts', () => {
    expect(parseIsoDuration('P5Y')).toMatchObject({ years: 5, months: 0, seconds: 0 });
    expect(parseIsoDuration('P1Y2M3W4DT5H6M7S')).toMatchObject({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7,
    });
  });

  it('refuses what is not a positive whole duration', () => {
    for (const text of ['', 'P', 'PT', '5Y', 'P1.5Y', 'P-1D', 'PT0S', 'P1DT', 'P5y']) {
      expect(parseIsoDuration(text)).toBeUndefined();
    }
  });

  it('converts clock durations to milliseconds, but not calendar ones', () => {
    expect(fixedDurationMs(parseIsoDuration('P1DT1H1M1S')!)).toBe(90_061_000);
    expect(fixedDurationMs(parseIsoDuration('P1M')!)).toBeUndefined();
  });
});
