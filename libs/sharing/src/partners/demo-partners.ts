import type { PartnerKind } from '@samenloop/domain';

/** One partner of each kind but `other`, as in the Helmond pilot the project grew from. */
export const DEMO_PARTNERS: readonly { id: string; kind: PartnerKind; name: string }[] = [
  { id: 'gemeente-helmond', kind: 'municipality', name: 'Gemeente Helmond, Werk en Inkomen' },
  { id: 'ggz-oost-brabant', kind: 'mental-health', name: 'GGZ Oost Brabant' },
  { id: 'huisartsen-helmond', kind: 'gp', name: 'Huisartsenpraktijk Helmond-Centrum' },
  { id: 'werkbedrijf-helmond', kind: 'work-company', name: 'Werkbedrijf Helmond-De Peel' },
  { id: 'woonbedrijf', kind: 'housing-corporation', name: 'Woonbedrijf' },
  { id: 'wijkteam-welzijn', kind: 'welfare', name: 'Wijkteam en BOP Welzijn' },
];
