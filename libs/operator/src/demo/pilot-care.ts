import {
  HIGHEST_RUNG,
  LOWEST_RUNG,
  ZRM_2017_INSTRUMENT,
  ZRM_2017_LIFE_AREAS,
  type Rung,
  type VisitLocation,
  type ZrmScore,
} from '@samenloop/domain';
import { GGZ, MUNICIPALITY, type PilotPartner } from './pilot-partners';
import type { ClientStory } from './pilot-story';
import { GOAL_DESCRIPTIONS } from './pilot-vocabulary';
import type { Weighted } from './random';

/** "Up to 5 conversations before the situation on all life areas is assessed" (domain.md). */
const VISITS: Weighted<number> = [
  [1, 10],
  [2, 20],
  [3, 30],
  [4, 25],
  [5, 15],
];
/** Mostly at the kitchen table. */
const LOCATIONS: Weighted<VisitLocation> = [
  ['home', 13],
  ['office', 3],
  ['neighbourhood-centre', 2],
  ['partner-site', 2],
];
const DURATIONS = [30, 45, 60, 75, 90] as const;
const PROBLEM_SCORES: Weighted<ZrmScore> = [
  [1, 4],
  [2, 6],
];
const OTHER_SCORES: Weighted<ZrmScore> = [
  [2, 25],
  [3, 40],
  [4, 28],
  [5, 7],
];
const GOALS: Weighted<number> = [
  [1, 35],
  [2, 45],
  [3, 20],
];
/** Tilburg: 40% reached their goal; of the rest about half is given up on, half still open. */
const GOAL_OUTCOMES: Weighted<'goal-achieved' | 'goal-abandoned' | 'open'> = [
  ['goal-achieved', 40],
  ['goal-abandoned', 30],
  ['open', 30],
];
const GGZ_SHARES_ASSESSMENT = 0.35;

/**
 * The lead's conversations up to the first full assessment of all life areas. Returns that day.
 * A joint visit now and then brings along the other of the municipality and GGZ.
 */
export function getToKnow(story: ClientStory, from: number): number {
  const { random, agenda, lead, facts } = story;
  const colleague = lead === GGZ ? MUNICIPALITY : GGZ;
  let day = from + random.between(2, 10);
  const visits = random.weighted(VISITS);
  for (let number = 1; number <= visits; number++) {
    if (number > 1) day += random.between(5, 14);
    const joint = story.knows(colleague) && random.chance(0.25);
    visit(story, day, lead, joint ? [colleague] : []);
  }
  // Scored at the end of the last conversation, with the client.
  day += 0.05;
  const problems = new Set<string>(facts.problems);
  agenda.add(day, lead, 'life-areas-assessed', {
    instrument: ZRM_2017_INSTRUMENT,
    scores: Object.fromEntries(
      ZRM_2017_LIFE_AREAS.map((area) => [
        area,
        random.weighted(problems.has(area) ? PROBLEM_SCORES : OTHER_SCORES),
      ]),
    ),
  });
  if (story.knows(GGZ) && random.chance(GGZ_SHARES_ASSESSMENT)) {
    agenda.add(day + random.between(1, 20), GGZ, 'consent-granted', {
      toPartner: MUNICIPALITY.id,
      categories: ['assessment'],
    });
  }
  return day;
}

/** A conversation of `partner` with the client, about its problems and a few other areas. */
export function visit(
  story: ClientStory,
  day: number,
  partner: PilotPartner,
  withPartners: readonly PilotPartner[] = [],
): void {
  const { random, agenda, facts } = story;
  const others = random.sample(ZRM_2017_LIFE_AREAS, random.int(1, 3));
  agenda.add(day, partner, 'visit-held', {
    location: random.weighted(LOCATIONS),
    lifeAreasDiscussed: [...new Set([...facts.problems, ...others])],
    ...(withPartners.length ? { withPartners: withPartners.map(({ id }) => id) } : {}),
    durationMinutes: random.pick(DURATIONS),
  });
}

/** Goals on the problem areas first, each reached, abandoned or still open months later. */
export function setGoals(story: ClientStory, from: number): void {
  const { random, agenda, lead, facts } = story;
  const others = ZRM_2017_LIFE_AREAS.filter((area) => !facts.problems.includes(area));
  const areas = [...facts.problems, ...random.sample(others, 3)].slice(0, random.weighted(GOALS));
  areas.forEach((lifeArea, index) => {
    const goalId = `goal-${index + 1}`;
    const set = from + random.between(0.5, 10);
    agenda.add(set, lead, 'goal-set', {
      goalId,
      lifeArea,
      description: random.pick(GOAL_DESCRIPTIONS[lifeArea]),
    });
    const outcome = random.weighted(GOAL_OUTCOMES);
    if (outcome !== 'open') agenda.add(set + random.between(30, 180), lead, outcome, { goalId });
  });
}

/**
 * Ladder measurements after the start rung of the enrolment: a client who rises climbs one rung
 * per measurement; one who does not is measured again on the same rung or, now and then, lower.
 */
export function measureLadder(story: ClientStory, from: number): void {
  const { random, agenda, lead, facts } = story;
  const { startRung, rise } = facts;
  let day = from;
  for (let rung = startRung + 1; rung <= Math.min(HIGHEST_RUNG, startRung + rise); rung++) {
    day += random.between(40, 100);
    agenda.add(day, lead, 'ladder-step-reached', { rung: rung as Rung });
  }
  if (rise > 0) return;
  if (startRung > LOWEST_RUNG && random.chance(0.2)) {
    agenda.add(day + random.between(60, 150), lead, 'ladder-step-reached', {
      rung: (startRung - 1) as Rung,
    });
  } else if (random.chance(0.5)) {
    agenda.add(day + random.between(60, 150), lead, 'ladder-step-reached', { rung: startRung });
  }
}
