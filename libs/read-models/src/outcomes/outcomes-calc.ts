import type { GoalStatus } from '@samenloop/domain';
import { LADDER_RUNGS } from '@samenloop/domain';
import type { Outcomes } from '@samenloop/contracts';

/** Per client, the facts of the period, each list oldest first. */
export interface OutcomeFacts {
  clientIds: readonly string[];
  ladder: ReadonlyMap<string, readonly { rung: number }[]>;
  goals: ReadonlyMap<string, readonly { status: GoalStatus }[]>;
  attempts: ReadonlyMap<string, readonly { outcome: string | null }[]>;
  visits: ReadonlyMap<string, readonly { at: Date }[]>;
  assessments: ReadonlyMap<string, readonly { at: Date; complete: boolean }[]>;
}

export type OutcomeFigures = Omit<Outcomes, 'municipality' | 'from' | 'to'>;

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/**
 * The pilots' outcome measures (domain.md) over a cohort: ladder rise (Leiden), goals reached
 * (Tilburg), attempts before the first appointment and visits before the first complete
 * assessment (Helmond).
 */
export function outcomesOf(facts: OutcomeFacts): OutcomeFigures {
  const of = <T>(map: ReadonlyMap<string, readonly T[]>, id: string) => map.get(id) ?? [];
  const measured = facts.clientIds
    .map((id) => of(facts.ladder, id))
    .filter((steps) => steps.length >= 2);
  const rose = measured.filter((steps) => steps[steps.length - 1]!.rung > steps[0]!.rung).length;
  const withGoal = facts.clientIds
    .map((id) => of(facts.goals, id))
    .filter((goals) => goals.length > 0);
  const reached = withGoal.filter((goals) =>
    goals.some(({ status }) => status === 'achieved'),
  ).length;

  const attemptsToAppointment = facts.clientIds.flatMap((id) => {
    const index = of(facts.attempts, id).findIndex(({ outcome }) => outcome === 'appointment-made');
    return index < 0 ? [] : [index + 1];
  });
  const visitsToAssessment = facts.clientIds.flatMap((id) => {
    const complete = of(facts.assessments, id).find((assessment) => assessment.complete);
    return complete ? [of(facts.visits, id).filter(({ at }) => at <= complete.at).length] : [];
  });

  const current = facts.clientIds.flatMap((id) =>
    of(facts.ladder, id)
      .slice(-1)
      .map(({ rung }) => rung),
  );
  return {
    clients: facts.clientIds.length,
    ladderRise: { share: share(rose, measured.length), clients: measured.length, rose },
    goalReached: { share: share(reached, withGoal.length), clients: withGoal.length, reached },
    medianAttemptsBeforeFirstAppointment: median(attemptsToAppointment),
    medianVisitsBeforeFirstFullAssessment: median(visitsToAssessment),
    rungDistribution: LADDER_RUNGS.map(({ rung }) => ({
      rung,
      clients: current.filter((value) => value === rung).length,
    })),
  };
}
