/**
 * Zelfredzaamheid-Matrix 2017 domains. Older sets have 11 and pilots used fewer, so the decider
 * takes the set from its rules; this is only the default.
 */
export const ZRM_2017_LIFE_AREAS = [
  'finances',
  'work-education',
  'time-use',
  'housing',
  'domestic-relations',
  'mental-health',
  'physical-health',
  'substance-use',
  'basic-adl',
  'instrumental-adl',
  'social-network',
  'social-participation',
  'justice',
] as const;

/** The `instrument` a partner names when it omits one. */
export const ZRM_2017_INSTRUMENT = 'ZRM-2017';

export const ZRM_SCORES = [
  { score: 1, nl: 'Acute problematiek', en: 'Acute problems' },
  { score: 2, nl: 'Niet zelfredzaam', en: 'Not self-reliant' },
  { score: 3, nl: 'Beperkt zelfredzaam', en: 'Limited self-reliance' },
  { score: 4, nl: 'Voldoende zelfredzaam', en: 'Sufficiently self-reliant' },
  { score: 5, nl: 'Volledig zelfredzaam', en: 'Fully self-reliant' },
] as const;

export type ZrmScore = (typeof ZRM_SCORES)[number]['score'];

export function isZrmScore(value: unknown): value is ZrmScore {
  return ZRM_SCORES.some(({ score }) => score === value);
}
