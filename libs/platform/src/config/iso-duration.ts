/** An ISO 8601 duration such as `P5Y`, `P18M`, `P2W` or `PT90S`. */
export interface IsoDuration {
  text: string;
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

const PATTERN =
  /^P(?:(\d{1,4})Y)?(?:(\d{1,5})M)?(?:(\d{1,5})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,7})H)?(?:(\d{1,8})M)?(?:(\d{1,9})S)?)?$/;

/** Whole numbers only: PostgreSQL reads the same text as an interval, and the two must agree. */
export function parseIsoDuration(text: string): IsoDuration | undefined {
  const match = PATTERN.exec(text.trim());
  if (!match || text.trim() === 'P' || text.trim().endsWith('T')) return undefined;
  const [years, months, weeks, days, hours, minutes, seconds] = match
    .slice(1)
    .map((part) => (part === undefined ? 0 : Number(part)));
  const parts = {
    years: years!,
    months: months!,
    weeks: weeks!,
    days: days!,
    hours: hours!,
    minutes: minutes!,
    seconds: seconds!,
  };
  return isZero(parts) ? undefined : { text: text.trim(), ...parts };
}

/** Milliseconds of a duration without years or months (their length depends on the calendar). */
export function fixedDurationMs(duration: IsoDuration): number | undefined {
  if (duration.years || duration.months) return undefined;
  return (
    ((((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 60 + duration.minutes) * 60 +
      duration.seconds) *
    1000
  );
}

function isZero(duration: Omit<IsoDuration, 'text'>): boolean {
  return Object.values(duration).every((value) => value === 0);
}
