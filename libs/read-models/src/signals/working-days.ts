const DAY_MS = 86_400_000;

function isWeekday(time: Date): boolean {
  const day = time.getUTCDay();
  return day !== 0 && day !== 6;
}

/**
 * The moment `days` working days (Monday to Friday) have passed since `from`: a referral made on
 * a Monday at ten is ten working days old on the Monday two weeks later at ten. Public holidays
 * are not subtracted.
 */
export function afterWorkingDays(from: Date, days: number): Date {
  let time = from;
  for (let counted = 0; counted < days;) {
    time = new Date(time.getTime() + DAY_MS);
    if (isWeekday(time)) counted += 1;
  }
  return time;
}
