import type { ReferralService } from '@samenloop/domain';
import type { CaseStatus } from '../caseload/caseload-client.entity';
import { afterWorkingDays } from './working-days';

const DAY_MS = 86_400_000;

/** The thresholds of the signals the case lead sees (issue text; domain.md). */
export const SIGNAL_RULES = {
  attempts: 3,
  attemptWindowDays: 30,
  referralWorkingDays: 10,
  visitsWithinDays: 7,
  /** How long two partners' uncoordinated visits stay signalled after the second one. */
  visitsRememberedDays: 30,
  noContactDays: 30,
} as const;

export interface VisitFact {
  partnerId: string;
  at: Date;
  /** The lead's partner at the visit. */
  leadPartner: string | null;
  withPartners: readonly string[];
}

/** What the signals of one client are judged on: facts the projections stored, never a verdict. */
export interface SignalFacts {
  status: CaseStatus;
  enrolledAt: Date;
  leadPartner: string | null;
  lastContactAt: Date | null;
  attemptsSinceContact: readonly Date[];
  unansweredReferrals: readonly { service: ReferralService; madeAt: Date }[];
  visits: readonly VisitFact[];
}

export type Signal =
  | { rule: 'unreached-after-attempts'; since: Date; attempts: number }
  | { rule: 'referral-unanswered'; since: Date; services: ReferralService[] }
  | { rule: 'working-past-each-other'; since: Date; partners: [string, string] }
  | { rule: 'no-contact'; since: Date; lastContactAt: Date | null }
  | { rule: 'no-case-lead'; since: Date };

/**
 * The signals that hold at `now`, each since when. Time-dependent rules are judged here, with the
 * request's clock, so that the projections never read one.
 */
export function signalsOf(facts: SignalFacts, now: Date): Signal[] {
  if (facts.status !== 'open') return [];
  return [
    unreached(facts, now),
    referralUnanswered(facts, now),
    workingPastEachOther(facts, now),
    noContact(facts, now),
    noCaseLead(facts),
  ].filter((signal): signal is Signal => signal !== undefined);
}

const daysBefore = (now: Date, days: number) => new Date(now.getTime() - days * DAY_MS);

/** At least 3 attempts without reaching the client in the last 30 days: since the third. */
function unreached({ attemptsSinceContact }: SignalFacts, now: Date): Signal | undefined {
  const start = daysBefore(now, SIGNAL_RULES.attemptWindowDays);
  const recent = attemptsSinceContact.filter((at) => at >= start && at <= now);
  if (recent.length < SIGNAL_RULES.attempts) return undefined;
  return {
    rule: 'unreached-after-attempts',
    since: recent[SIGNAL_RULES.attempts - 1]!,
    attempts: recent.length,
  };
}

/** A referral unanswered for more than 10 working days: since the oldest one became overdue. */
function referralUnanswered({ unansweredReferrals }: SignalFacts, now: Date): Signal | undefined {
  const overdue = unansweredReferrals
    .map(({ service, madeAt }) => ({
      service,
      due: afterWorkingDays(madeAt, SIGNAL_RULES.referralWorkingDays),
    }))
    .filter(({ due }) => due < now)
    .sort((a, b) => a.due.getTime() - b.due.getTime());
  if (overdue.length === 0) return undefined;
  return {
    rule: 'referral-unanswered',
    since: overdue[0]!.due,
    services: overdue.map(({ service }) => service),
  };
}

/**
 * Two different partners visiting within 7 days, neither of them the lead at the time nor
 * visiting together: since the later visit of the latest such pair, for 30 days after it.
 */
function workingPastEachOther({ visits }: SignalFacts, now: Date): Signal | undefined {
  const withinMs = SIGNAL_RULES.visitsWithinDays * DAY_MS;
  const rememberedFrom = daysBefore(now, SIGNAL_RULES.visitsRememberedDays);
  const unled = visits
    .filter((visit) => visit.leadPartner !== visit.partnerId && visit.at <= now)
    .sort((a, b) => a.at.getTime() - b.at.getTime());
  for (let later = unled.length - 1; later > 0; later--) {
    const second = unled[later]!;
    if (second.at < rememberedFrom) return undefined;
    for (let earlier = later - 1; earlier >= 0; earlier--) {
      const first = unled[earlier]!;
      if (second.at.getTime() - first.at.getTime() > withinMs) break;
      const together =
        first.withPartners.includes(second.partnerId) ||
        second.withPartners.includes(first.partnerId);
      if (first.partnerId !== second.partnerId && !together) {
        return {
          rule: 'working-past-each-other',
          since: second.at,
          partners: [first.partnerId, second.partnerId],
        };
      }
    }
  }
  return undefined;
}

/** No contact for 30 days (counted from enrolment while there was none): since day 30. */
function noContact({ lastContactAt, enrolledAt }: SignalFacts, now: Date): Signal | undefined {
  const since = new Date(
    (lastContactAt ?? enrolledAt).getTime() + SIGNAL_RULES.noContactDays * DAY_MS,
  );
  return since <= now ? { rule: 'no-contact', since, lastContactAt } : undefined;
}

function noCaseLead({ leadPartner, enrolledAt }: SignalFacts): Signal | undefined {
  return leadPartner === null ? { rule: 'no-case-lead', since: enrolledAt } : undefined;
}
