import type { ClientProfile, ContactChannel, ContactOutcome } from '@samenloop/domain';
import { GGZ, GP, MUNICIPALITY, WORK_COMPANY } from './pilot-partners';
import type { ClientStory } from './pilot-story';
import { LEAD_REASONS } from './pilot-vocabulary';
import type { Weighted } from './random';

/** "About 3 to 4 phone calls before one appointment is made" (domain.md). */
const CONTACT_ATTEMPTS: Weighted<number> = [
  [1, 6],
  [2, 12],
  [3, 30],
  [4, 27],
  [5, 15],
  [6, 10],
];
const CHANNELS: Weighted<ContactChannel> = [
  ['phone', 6],
  ['letter', 2],
  ['doorstep', 2],
];
const FAILED_OUTCOMES: Weighted<ContactOutcome> = [
  ['no-answer', 8],
  ['declined', 1],
  ['reached', 1],
];

/** How likely each partner already knows the client when it is enrolled. */
const KNOWN_BEFORE: Record<ClientProfile, { ggz: number; work: number }> = {
  'income-support': { ggz: 0.3, work: 0 },
  'social-activation-with-care': { ggz: 0.75, work: 0 },
  'social-activation': { ggz: 0.2, work: 0.15 },
  'work-activation': { ggz: 0.1, work: 0.6 },
};
const GP_KNOWN_BEFORE = 0.1;
/** "Whoever the client trusts most, for example the GGZ counsellor" leads. */
const GGZ_LEADS_WHEN_KNOWN = 0.7;

/**
 * Enrolment, the partners that already know the client signalling, the attempts to reach the
 * client and, once an appointment is made, the municipality assigning the lead. Returns that day.
 */
export function reachOut(story: ClientStory): number {
  const { random, facts, agenda } = story;
  const { profile, person, startRung } = facts;
  agenda.add(0, MUNICIPALITY, 'client-enrolled', {
    municipality: 'GM0794',
    programme: 'samenloop',
    profile,
    person,
    startRung,
  });

  const known = KNOWN_BEFORE[profile];
  if (random.chance(known.ggz)) story.signal(random.between(0.5, 10), GGZ);
  if (random.chance(known.work)) story.signal(random.between(0.5, 10), WORK_COMPANY);
  if (random.chance(GP_KNOWN_BEFORE)) story.signal(random.between(0.5, 10), GP);

  let day = random.between(1, 5);
  const attempts = random.weighted(CONTACT_ATTEMPTS);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if (attempt > 1) day += random.between(1, 7);
    agenda.add(day, MUNICIPALITY, 'contact-attempted', {
      channel: random.weighted(CHANNELS),
      outcome: attempt === attempts ? 'appointment-made' : random.weighted(FAILED_OUTCOMES),
    });
  }

  // After the appointment and after the signals: only a partner that is involved can lead.
  day = story.agenda.lastDay + random.between(0.5, 3);
  const ggzLeads = story.knows(GGZ) && random.chance(GGZ_LEADS_WHEN_KNOWN);
  story.lead = ggzLeads ? GGZ : MUNICIPALITY;
  agenda.add(day, MUNICIPALITY, 'case-lead-assigned', {
    leadPartner: story.lead.id,
    leadActor: story.actorOf(story.lead),
    reason: ggzLeads ? LEAD_REASONS.ggz : LEAD_REASONS.municipality,
  });
  return day;
}
