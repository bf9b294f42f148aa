/** Participatieladder (Regioplan, VNG/Divosa). */
export const LADDER_RUNGS = [
  { rung: 1, nl: 'Geïsoleerd', en: 'Isolated' },
  { rung: 2, nl: 'Sociale contacten buiten de deur', en: 'Social contacts outside the home' },
  {
    rung: 3,
    nl: 'Deelname georganiseerde activiteiten',
    en: 'Taking part in organised activities',
  },
  { rung: 4, nl: 'Onbetaald werk', en: 'Unpaid work (volunteering)' },
  { rung: 5, nl: 'Betaald werk met ondersteuning', en: 'Paid work with support' },
  { rung: 6, nl: 'Betaald werk', en: 'Paid work' },
] as const;

export type Rung = (typeof LADDER_RUNGS)[number]['rung'];

/** The ladder's ends, for the wire formats' bounds. */
export const LOWEST_RUNG: Rung = LADDER_RUNGS[0].rung;
export const HIGHEST_RUNG: Rung = LADDER_RUNGS[LADDER_RUNGS.length - 1]!.rung;

export function isRung(value: unknown): value is Rung {
  return LADDER_RUNGS.some(({ rung }) => rung === value);
}
