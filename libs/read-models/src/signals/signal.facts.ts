import type { CaseloadClientEntity } from '../caseload/caseload-client.entity';
import type { ContactEntity } from '../contacts/contact.entity';
import type { ReferralEntity } from '../referrals/referral.entity';
import { SIGNAL_RULES, type SignalFacts } from './signal.rules';

const DAY_MS = 86_400_000;

/** The oldest visit that can still take part in a signalled pair of visits. */
export function visitsWorthReading(now: Date): Date {
  const days = SIGNAL_RULES.visitsRememberedDays + SIGNAL_RULES.visitsWithinDays;
  return new Date(now.getTime() - days * DAY_MS);
}

export function signalFactsOf(
  client: CaseloadClientEntity,
  unansweredReferrals: readonly ReferralEntity[],
  recentVisits: readonly ContactEntity[],
): SignalFacts {
  return {
    status: client.status,
    enrolledAt: client.enrolledAt,
    leadPartner: client.leadPartner,
    lastContactAt: client.lastContactAt,
    attemptsSinceContact: client.attemptsSinceContact,
    unansweredReferrals: unansweredReferrals.map(({ service, madeAt }) => ({ service, madeAt })),
    visits: recentVisits.map(({ partnerId, at, leadPartner, withPartners }) => ({
      partnerId,
      at,
      leadPartner,
      withPartners,
    })),
  };
}
