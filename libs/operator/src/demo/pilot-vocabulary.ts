import type { ReferralService } from '@samenloop/domain';
import type { LifeArea } from './pilot-story';

/** Goals as a consultant writes them down with the client, in the client's words where possible. */
export const GOAL_DESCRIPTIONS: Record<LifeArea, readonly string[]> = {
  finances: ['Overzicht krijgen over de schulden', 'Elke week samen de post openen'],
  'work-education': ['Een dagdeel per week werkervaring opdoen', 'Een taalcursus afmaken'],
  'time-use': [
    'Een vast dagritme met opstaan voor negen uur',
    'Eén activiteit per week buitenshuis',
  ],
  housing: ['Huurachterstand oplossen', 'De woning op orde krijgen'],
  'domestic-relations': ['Weer contact met de kinderen', 'Minder ruzie thuis'],
  'mental-health': ['Minder somber zijn', 'Weer onder de mensen durven'],
  'physical-health': ['Twee keer per week wandelen', 'Naar de huisarts voor de rugklachten'],
  'substance-use': ['Minderen met drinken', 'Stoppen met blowen overdag'],
  'basic-adl': ['Zelf de boodschappen doen', 'Elke dag warm eten'],
  'instrumental-adl': ['Zelf afspraken bijhouden in een agenda', 'DigiD aanvragen en gebruiken'],
  'social-network': ['Eén keer per week koffie bij de BOP', 'Contact met een buurvrouw'],
  'social-participation': [
    'Een uur per week koffie schenken in het buurthuis',
    'Meedoen met de wandelclub',
  ],
  justice: ['Boetes in een regeling onderbrengen', 'Afspraken met de reclassering nakomen'],
};

export const REFERRAL_REASONS: Partial<Record<ReferralService, string>> = {
  'debt-help': 'Schulden lopen op, wil hulp bij een regeling',
  'mental-health': 'Langdurig somber, wil praten met iemand',
  gp: 'Klachten die niet onderzocht zijn',
  'neighbourhood-centre': 'Zit veel alleen thuis',
  volunteering: 'Wil iets om handen hebben',
  'work-activation': 'Wil toewerken naar betaald werk',
  'language-class': 'Wil beter Nederlands spreken',
  sport: 'Wil meer bewegen',
};

export const DECLINE_REASONS = [
  'Wachtlijst',
  'Cliënt wil nog niet',
  'Geen passend aanbod',
] as const;

export const LEAD_REASONS = {
  ggz: 'Cliënt vertrouwt de GGZ-begeleider het meest',
  municipality: 'Trajectconsulent houdt de regie',
} as const;
