import { visit } from './pilot-care';
import { MUNICIPALITY, PILOT_PARTNERS } from './pilot-partners';
import type { ClientStory } from './pilot-story';
import type { Random } from './random';

/** The lead sees a client every two to five weeks once the situation is known. */
const VISIT_EVERY_DAYS = [14, 35] as const;
/** Open clients the lead lost touch with: seen last one to four months ago, and now called. */
const DRIFTED = 0.15;
/** Open clients two other partners visited in the last weeks, each without the other. */
const CROSSED = 0.12;

/**
 * What happens after the assessment until the case closes or until `today` (the run's day): the
 * lead's regular conversations; some clients drift out of touch and do not answer the phone; now
 * and then two partners that do not lead visit the same client within days of each other.
 */
export function followUp(
  story: ClientStory,
  assessed: number,
  today: number,
  closed: number | undefined,
): void {
  const { random, lead, agenda } = story;
  // Only a client known for a while can drift or be visited by others: the days before are the lead's.
  const known = today - assessed;
  const drifted = closed === undefined && known > 45 && random.chance(DRIFTED);
  const until = closed ?? (drifted ? today - random.between(31, Math.min(120, known)) : today);
  for (let day = assessed + every(random); day < until; day += every(random)) {
    visit(story, day, lead);
  }
  if (closed !== undefined) return;
  if (drifted) {
    const calls = random.int(1, 4);
    for (let call = 0; call < calls; call++) {
      agenda.add(today - random.between(1, 25), MUNICIPALITY, 'contact-attempted', {
        channel: 'phone',
        outcome: 'no-answer',
      });
    }
  } else if (known > 21 && random.chance(CROSSED)) {
    crossPaths(story, today);
  }
}

function every(random: Random): number {
  return random.between(...VISIT_EVERY_DAYS);
}

/**
 * Two partners that do not lead each visit the client, days apart, neither knowing the other; a
 * partner whose signal the story has planned for a later day cannot.
 */
function crossPaths(story: ClientStory, today: number): void {
  const { random, lead } = story;
  const day = today - random.between(3, 20);
  const later = day + random.between(0.5, 2.5);
  const [first, second] = random.sample(
    PILOT_PARTNERS.filter((partner) => partner !== lead && story.canActOn(day - 0.01, partner)),
    2,
  );
  if (!first || !second) return;
  story.signal(day - 0.01, first);
  visit(story, day, first);
  story.signal(later - 0.01, second);
  visit(story, later, second);
}
