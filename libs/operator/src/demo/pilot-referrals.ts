import type { ReferralOutcome, ReferralService } from '@samenloop/domain';
import { GGZ, GP, WORK_COMPANY, type PilotPartner } from './pilot-partners';
import type { ClientStory, LifeArea } from './pilot-story';
import { DECLINE_REASONS, REFERRAL_REASONS } from './pilot-vocabulary';
import type { Weighted } from './random';

/** What a consultant refers to for a problem area (domain.md's interventions). */
const SERVICE_FOR: Partial<Record<LifeArea, ReferralService>> = {
  finances: 'debt-help',
  'mental-health': 'mental-health',
  'physical-health': 'gp',
  'substance-use': 'gp',
  'social-network': 'neighbourhood-centre',
  'time-use': 'neighbourhood-centre',
  'social-participation': 'volunteering',
  'work-education': 'work-activation',
};

/**
 * The partner that answers for a service inside the hub. Every other service is answered by the
 * referrer, as for a service outside the hub: debt help is, and the neighbourhood centre and
 * volunteering (the welfare team) must be until the welfare team can address clients (see
 * pilot-partners.ts).
 */
const PROVIDER: Partial<Record<ReferralService, PilotPartner>> = {
  'mental-health': GGZ,
  gp: GP,
  'work-activation': WORK_COMPANY,
};

const MAX_REFERRALS = 4;
const ANSWERS: Weighted<'referral-accepted' | 'referral-declined' | 'unanswered'> = [
  ['referral-accepted', 75],
  ['referral-declined', 12],
  ['unanswered', 13],
];
const COMPLETED = 0.55;
const OUTCOMES: Weighted<ReferralOutcome> = [
  ['attended', 75],
  ['not-attended', 10],
  ['ended-early', 15],
];

/** Referrals by the lead after the assessment: most accepted, some declined or left unanswered. */
export function refer(story: ClientStory, from: number): void {
  const { random, agenda, lead } = story;
  servicesFor(story).forEach((service, index) => {
    const referralId = `ref-${index + 1}`;
    const provider = PROVIDER[service];
    const made = from + random.between(1, 21);
    agenda.add(made, lead, 'referral-made', {
      referralId,
      service,
      ...(provider ? { toPartner: provider.id } : {}),
      reason: REFERRAL_REASONS[service] ?? 'Op verzoek van de cliënt',
    });
    const answer = random.weighted(ANSWERS);
    if (answer === 'unanswered') return;
    const answered = made + random.between(2, 21);
    const responder = provider ?? lead;
    // A provider that never signalled would have no reference to answer by.
    story.signal(answered - 0.01, responder);
    if (answer === 'referral-declined') {
      agenda.add(answered, responder, answer, {
        referralId,
        reason: random.pick(DECLINE_REASONS),
      });
      return;
    }
    agenda.add(answered, responder, answer, { referralId });
    if (random.chance(COMPLETED)) {
      agenda.add(answered + random.between(30, 120), responder, 'referral-completed', {
        referralId,
        outcome: random.weighted(OUTCOMES),
      });
    }
  });
}

function servicesFor({ random, facts, lead }: ClientStory): ReferralService[] {
  const wanted = facts.problems.flatMap((area) => SERVICE_FOR[area] ?? []);
  if (random.chance(0.3)) wanted.push('volunteering');
  if (random.chance(0.2)) wanted.push('gp');
  if (random.chance(0.1)) wanted.push('language-class');
  // Nobody refers a client to themselves.
  const services = [...new Set(wanted)].filter((service) => PROVIDER[service] !== lead);
  return services.length ? services.slice(0, MAX_REFERRALS) : ['neighbourhood-centre'];
}
