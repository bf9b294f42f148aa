import { ladderStepOf } from '../ladder/ladder.projection';
import type { CaseStep } from '../projection/case-step';
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

/**
 * The current rung as each partner may count it (`ClientFactsReader.ladderSteps` with the
 * partner as audience): the latest open measurement, or for a partner a measurement under
 * professional secrecy names, the latest of those it may count.
 */
export function currentRungs(
  ladder: readonly LadderFact[],
): Pick<CaseloadClientEntity, 'openRung' | 'audienceRungs'> {
  const latest = (counts: (fact: LadderFact) => boolean) =>
    ladder.filter(counts).at(-1)?.rung ?? null;
  const named = new Set(ladder.flatMap(({ audience }) => audience ?? []));
  const audienceRungs: Record<string, number> = {};
  for (const partner of [...named].sort()) {
    audienceRungs[partner] = latest(({ audience }) => !audience || audience.includes(partner))!;
  }
  return { openRung: latest(({ audience }) => audience === null), audienceRungs };
}
