import type { CaseStep } from '../projection/case-step';
import { SIGNAL_RULES, type SignalFacts } from '../signals/signal.rules';
import type {
  CaseloadClientEntity,
  RecentVisit,
  UnansweredReferral,
} from './caseload-client.entity';

const DAY_MS = 86_400_000;

/**
 * A pair of visits is signalled for 30 days after its later visit, the earlier one at most 7 days
 * before it: once the latest visit has happened, visits further back can no longer signal.
 */
export const VISITS_KEPT_DAYS = SIGNAL_RULES.visitsWithinDays + SIGNAL_RULES.visitsRememberedDays;

/** The referrals still waiting for an answer (the decider's status), each since it was made. */
export function unansweredReferralsAfter(
  previous: Readonly<Record<string, UnansweredReferral>>,
  { event, after }: CaseStep,
): Record<string, UnansweredReferral> {
  if (!after.enrolled) return { ...previous };
  const made = event.type === 'nl.samenloop.referral-made.v1' ? event : undefined;
  const unanswered: Record<string, UnansweredReferral> = {};
  for (const [referralId, { status, service }] of after.referrals) {
    if (status !== 'made') continue;
    const madeAt =
      made?.data.referralId === referralId
        ? new Date(made.occurredAt).toISOString()
        : previous[referralId]?.madeAt;
    if (madeAt !== undefined) unanswered[referralId] = { service, madeAt };
  }
  return unanswered;
}

/**
 * The visits within {@link VISITS_KEPT_DAYS} of the latest one, by when they happened. What is
 * kept depends on the visits alone, not on the order they arrived in: a rebuild keeps the same.
 */
export function recentVisitsAfter(
  previous: readonly RecentVisit[],
  { event, before }: CaseStep,
): RecentVisit[] {
  if (event.type !== 'nl.samenloop.visit-held.v1') return [...previous];
  const visit: RecentVisit = {
    partnerId: event.partnerId,
    at: new Date(event.occurredAt).toISOString(),
    // As the contacts projection keeps it: "neither is the lead" is judged at the visit.
    leadPartner: before.enrolled ? (before.lead?.partner ?? null) : null,
    withPartners: [...(event.data.withPartners ?? [])],
  };
  // ISO times in UTC sort as they happened; the sort is stable, so ties keep the log's order.
  const visits = [...previous, visit].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const latest = Date.parse(visits[visits.length - 1]!.at);
  const keptFrom = new Date(latest - VISITS_KEPT_DAYS * DAY_MS).toISOString();
  return visits.filter(({ at }) => at >= keptFrom);
}

/** The facts the row keeps for the signals, as the rules take them. */
export function storedSignalFacts(
  row: Pick<
    CaseloadClientEntity,
    | 'status'
    | 'enrolledAt'
    | 'leadPartner'
    | 'lastContactAt'
    | 'attemptsSinceContact'
    | 'unansweredReferrals'
    | 'recentVisits'
  >,
): SignalFacts {
  return {
    status: row.status,
    enrolledAt: row.enrolledAt,
    leadPartner: row.leadPartner,
    lastContactAt: row.lastContactAt,
    attemptsSinceContact: row.attemptsSinceContact,
    unansweredReferrals: Object.values(row.unansweredReferrals).map(({ service, madeAt }) => ({
      service,
      madeAt: new Date(madeAt),
    })),
    visits: row.recentVisits.map((visit) => ({ ...visit, at: new Date(visit.at) })),
  };
}
