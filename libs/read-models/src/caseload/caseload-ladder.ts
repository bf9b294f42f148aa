import { ladderStepOf } from '../ladder/ladder.projection';
import type { CaseStep } from '../projection/case-step';
import { countsFor } from '../projection/fact-audience';
import type { CaseloadClientEntity, LadderFact } from './caseload-client.entity';

/** The client's measurements on the ladder, as the ladder projection orders them. */
export function ladderAfter(previous: readonly LadderFact[], step: CaseStep): LadderFact[] {
  const measured = ladderStepOf(step).map(({ rung, at, position, audience }) => ({
    rung,
    at: at.toISOString(),
    position,
    audience,
  }));
  if (measured.length === 0) return [...previous];
  return [...previous, ...measured].sort((a, b) =>
    a.at === b.at ? a.position - b.position : a.at < b.at ? -1 : 1,
  );
}

/** The measurements a partner may count: open ones and those whose audience names it. */
export function countableBy(ladder: readonly LadderFact[], partnerId: string): LadderFact[] {
  return ladder.filter(({ audience }) => countsFor(audience, partnerId));
}

/**
 * The current rung as each partner may count it (`ClientFactsReader.ladderSteps` with the
 * partner as audience): the latest open measurement, or for a partner a measurement under
 * professional secrecy names, the latest of those it may count.
 */
export function currentRungs(
  ladder: readonly LadderFact[],
): Pick<CaseloadClientEntity, 'openRung' | 'audienceRungs'> {
  const named = new Set(ladder.flatMap(({ audience }) => audience ?? []));
  const audienceRungs: Record<string, number> = {};
  for (const partner of [...named].sort()) {
    audienceRungs[partner] = countableBy(ladder, partner).at(-1)!.rung;
  }
  return {
    openRung: ladder.filter(({ audience }) => audience === null).at(-1)?.rung ?? null,
    audienceRungs,
  };
}
