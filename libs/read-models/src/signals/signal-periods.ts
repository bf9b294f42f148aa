import type { SignalRule } from '@samenloop/contracts';
import { SIGNAL_RULES, type SignalFacts, type VisitFact } from './signal.rules';
import { afterWorkingDays } from './working-days';

const DAY_MS = 86_400_000;

/** A stretch of time; a `null` bound is unbounded. Each bound says whether it belongs to it. */
export interface Period {
  from: Date | null;
  includesFrom: boolean;
  to: Date | null;
  includesTo: boolean;
}

/** For each rule, the periods in which it holds: a union, possibly overlapping, never empty ones. */
export type SignalPeriods = Record<SignalRule, Period[]>;

/**
 * When each signal of {@link signalsOf} holds, judged on the facts alone: `signalsOf(facts, now)`
 * has a rule exactly when one of its periods contains `now`. A projection can store these, so
 * that a query filters and counts signals at the request's time without reading a clock itself.
 */
export function signalPeriods(facts: SignalFacts): SignalPeriods {
  if (facts.status !== 'open') {
    return {
      'unreached-after-attempts': [],
      'referral-unanswered': [],
      'working-past-each-other': [],
      'no-contact': [],
      'no-case-lead': [],
    };
  }
  return {
    'unreached-after-attempts': unreachedPeriods(facts),
    'referral-unanswered': referralUnansweredPeriods(facts),
    'working-past-each-other': workingPastEachOtherPeriods(facts),
    'no-contact': noContactPeriods(facts),
    'no-case-lead': facts.leadPartner === null ? [always()] : [],
  };
}

export function holdsAt(periods: readonly Period[], now: Date): boolean {
  return periods.some(
    ({ from, includesFrom, to, includesTo }) =>
      (from === null || from < now || (includesFrom && from.getTime() === now.getTime())) &&
      (to === null || now < to || (includesTo && now.getTime() === to.getTime())),
  );
}

const always = (): Period => ({ from: null, includesFrom: false, to: null, includesTo: false });
const closed = (from: Date, to: Date): Period => ({
  from,
  includesFrom: true,
  to,
  includesTo: true,
});
const later = (time: Date, days: number) => new Date(time.getTime() + days * DAY_MS);

/** Three attempts a_i ≤ a_{i+1} ≤ a_{i+2} lie within the 30 days up to `now` for now in [a_{i+2}, a_i + 30 d]. */
function unreachedPeriods({ attemptsSinceContact }: SignalFacts): Period[] {
  const attempts = [...attemptsSinceContact].sort((a, b) => a.getTime() - b.getTime());
  const periods: Period[] = [];
  for (let first = 0; first + SIGNAL_RULES.attempts - 1 < attempts.length; first++) {
    const third = attempts[first + SIGNAL_RULES.attempts - 1]!;
    const windowEnd = later(attempts[first]!, SIGNAL_RULES.attemptWindowDays);
    if (third <= windowEnd) periods.push(closed(third, windowEnd));
  }
  return periods;
}

/** Overdue strictly after its due moment; the oldest due one starts the signal. */
function referralUnansweredPeriods({ unansweredReferrals }: SignalFacts): Period[] {
  const dues = unansweredReferrals.map(({ madeAt }) =>
    afterWorkingDays(madeAt, SIGNAL_RULES.referralWorkingDays).getTime(),
  );
  if (dues.length === 0) return [];
  return [{ from: new Date(Math.min(...dues)), includesFrom: false, to: null, includesTo: false }];
}

/** A qualifying pair of visits is signalled from its later visit for the 30 days after it. */
function workingPastEachOtherPeriods({ visits }: SignalFacts): Period[] {
  const unled = visits
    .filter((visit) => visit.leadPartner !== visit.partnerId)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  const periods: Period[] = [];
  unled.forEach((second, index) => {
    const paired = unled
      .slice(0, index)
      .some((first) => pastEachOther(first, second, SIGNAL_RULES.visitsWithinDays * DAY_MS));
    if (paired)
      periods.push(closed(second.at, later(second.at, SIGNAL_RULES.visitsRememberedDays)));
  });
  return periods;
}

function pastEachOther(first: VisitFact, second: VisitFact, withinMs: number): boolean {
  const together =
    first.withPartners.includes(second.partnerId) || second.withPartners.includes(first.partnerId);
  return (
    second.at.getTime() - first.at.getTime() <= withinMs &&
    first.partnerId !== second.partnerId &&
    !together
  );
}

function noContactPeriods({ lastContactAt, enrolledAt }: SignalFacts): Period[] {
  const from = later(lastContactAt ?? enrolledAt, SIGNAL_RULES.noContactDays);
  return [{ from, includesFrom: true, to: null, includesTo: false }];
}
