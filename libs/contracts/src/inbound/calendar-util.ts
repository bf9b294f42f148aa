/** A calendar date `YYYY-MM-DD` that exists (no 31 April), from the year 100 on. */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  return match !== null && dateExists(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** RFC 3339 `date-time`, with the `T` and the offset it requires (ISO 8601 makes both optional). */
export const RFC_3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/**
 * The instant of an RFC 3339 `date-time` in epoch milliseconds, or undefined when the text is not
 * one. `Date.parse` is not used: it accepts other formats and days such as 30 February.
 */
export function rfc3339Millis(value: string): number | undefined {
  const match = RFC_3339.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const [offsetHours, offsetMinutes] = [Number(match[9] ?? 0), Number(match[10] ?? 0)];
  // RFC 3339 allows a leap second (60); Date.UTC rolls it over into the next minute.
  if (!dateExists(year, month, day) || hour > 23 || minute > 59 || second > 60) return undefined;
  if (offsetHours > 23 || offsetMinutes > 59) return undefined;
  const fraction = match[7] ? Math.floor(Number(match[7]) * 1000) : 0;
  const offset = (match[8] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000;
  return Date.UTC(year, month - 1, day, hour, minute, second, fraction) - offset;
}

function dateExists(year: number, month: number, day: number): boolean {
  // Date.UTC maps the years 0-99 to 1900-1999, so they fail the comparison below.
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}
