import type { CloseReason } from '@samenloop/domain';
import { MUNICIPALITY } from './pilot-partners';
import type { ClientStory } from './pilot-story';
import type { Weighted } from './random';

const CLOSED = 0.2;
const REASONS_AFTER_RISING: Weighted<CloseReason> = [
  ['goal-reached', 60],
  ['moved', 20],
  ['other', 20],
];
const REASONS_OTHERWISE: Weighted<CloseReason> = [
  ['moved', 40],
  ['declined', 35],
  ['other', 20],
  ['deceased', 5],
];

/**
 * Some cases close, by the lead or the municipality, after everything else: a closed case takes
 * nothing more. One that would close after `today` is still running. Returns the day it closed.
 */
export function closeSometimes(story: ClientStory, today: number): number | undefined {
  const { random, agenda, lead, facts } = story;
  if (!random.chance(CLOSED)) return undefined;
  const day = agenda.lastDay + random.between(7, 30);
  const by = random.chance(0.6) ? lead : MUNICIPALITY;
  const reason = random.weighted(facts.rise > 0 ? REASONS_AFTER_RISING : REASONS_OTHERWISE);
  if (day > today) return undefined;
  agenda.add(day, by, 'case-closed', { reason });
  return day;
}
