export const PARTNER_KINDS = [
  'municipality',
  'mental-health',
  'gp',
  'work-company',
  'housing-corporation',
  'welfare',
  'other',
] as const;

export type PartnerKind = (typeof PARTNER_KINDS)[number];

/** Bound by professional secrecy: their assessment and content leave them only with consent. */
export const HEALTH_PARTNER_KINDS: readonly PartnerKind[] = ['mental-health', 'gp'];

/** The kinds a law allows to use the BSN; welfare and housing corporations may not receive it. */
export const BSN_PARTNER_KINDS: readonly PartnerKind[] = [
  'municipality',
  'mental-health',
  'gp',
  'work-company',
];

export function isHealthPartnerKind(kind: PartnerKind): boolean {
  return HEALTH_PARTNER_KINDS.includes(kind);
}

export function mayUseBsn(kind: PartnerKind): boolean {
  return BSN_PARTNER_KINDS.includes(kind);
}
