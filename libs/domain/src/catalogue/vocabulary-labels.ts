import type { DataCategory } from './data-category.catalogue';
import type { ZRM_2017_LIFE_AREAS } from './life-area.catalogue';
import { LADDER_RUNGS } from './participation-ladder.catalogue';
import type {
  CloseReason,
  ContactChannel,
  ContactOutcome,
  ReferralOutcome,
  ReferralService,
  VisitLocation,
} from './vocabulary.catalogue';

/** The languages people read the hub in: Dutch first, English for partners from elsewhere. */
export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];

export type Labels<K extends string> = Readonly<Record<K, Readonly<Record<Lang, string>>>>;

export const LIFE_AREA_LABELS: Labels<(typeof ZRM_2017_LIFE_AREAS)[number]> = {
  finances: { nl: 'financiën', en: 'finances' },
  'work-education': { nl: 'werk en opleiding', en: 'work and education' },
  'time-use': { nl: 'tijdsbesteding', en: 'time use' },
  housing: { nl: 'huisvesting', en: 'housing' },
  'domestic-relations': { nl: 'huiselijke relaties', en: 'domestic relations' },
  'mental-health': { nl: 'geestelijke gezondheid', en: 'mental health' },
  'physical-health': { nl: 'lichamelijke gezondheid', en: 'physical health' },
  'substance-use': { nl: 'middelengebruik', en: 'substance use' },
  'basic-adl': { nl: 'basale ADL', en: 'basic ADL' },
  'instrumental-adl': { nl: 'instrumentele ADL', en: 'instrumental ADL' },
  'social-network': { nl: 'sociaal netwerk', en: 'social network' },
  'social-participation': { nl: 'maatschappelijke participatie', en: 'social participation' },
  justice: { nl: 'justitie', en: 'justice' },
};

export const SERVICE_LABELS: Labels<ReferralService> = {
  'debt-help': { nl: 'schuldhulp', en: 'debt help' },
  gp: { nl: 'de huisarts', en: 'the GP' },
  'mental-health': { nl: 'de GGZ', en: 'mental-health care' },
  'language-class': { nl: 'een taalcursus', en: 'a language class' },
  volunteering: { nl: 'vrijwilligerswerk', en: 'volunteering' },
  sport: { nl: 'sport', en: 'sport' },
  'neighbourhood-centre': { nl: 'het buurthuis', en: 'the neighbourhood centre' },
  'home-care': { nl: 'thuiszorg', en: 'home care' },
  'work-activation': { nl: 'werkactivering', en: 'work activation' },
  housing: { nl: 'huisvesting', en: 'housing' },
  other: { nl: 'een andere voorziening', en: 'another service' },
};

export const CHANNEL_LABELS: Labels<ContactChannel> = {
  phone: { nl: 'telefonisch', en: 'by phone' },
  letter: { nl: 'per brief', en: 'by letter' },
  doorstep: { nl: 'aan de deur', en: 'at the door' },
  email: { nl: 'per e-mail', en: 'by email' },
  'via-partner': { nl: 'via een partner', en: 'through a partner' },
  other: { nl: 'op een andere manier', en: 'another way' },
};

export const CONTACT_OUTCOME_LABELS: Labels<ContactOutcome> = {
  'no-answer': { nl: 'geen gehoor', en: 'no answer' },
  declined: { nl: 'afgewezen', en: 'declined' },
  'appointment-made': { nl: 'afspraak gemaakt', en: 'appointment made' },
  reached: { nl: 'bereikt', en: 'reached' },
};

export const LOCATION_LABELS: Labels<VisitLocation> = {
  home: { nl: 'thuis', en: 'at home' },
  'neighbourhood-centre': { nl: 'in het buurthuis', en: 'at the neighbourhood centre' },
  office: { nl: 'op kantoor', en: 'at the office' },
  'partner-site': { nl: 'bij een partner', en: "at a partner's site" },
  other: { nl: 'elders', en: 'elsewhere' },
};

export const REFERRAL_OUTCOME_LABELS: Labels<ReferralOutcome> = {
  attended: { nl: 'gevolgd', en: 'attended' },
  'not-attended': { nl: 'niet gevolgd', en: 'not attended' },
  'ended-early': { nl: 'voortijdig beëindigd', en: 'ended early' },
};

export const CLOSE_REASON_LABELS: Labels<CloseReason> = {
  'goal-reached': { nl: 'doel bereikt', en: 'goal reached' },
  moved: { nl: 'verhuisd', en: 'moved' },
  declined: { nl: 'cliënt wil niet verder', en: 'client declined' },
  deceased: { nl: 'overleden', en: 'deceased' },
  other: { nl: 'andere reden', en: 'other reason' },
};

export const DATA_CATEGORY_LABELS: Labels<DataCategory> = {
  identity: { nl: 'identiteit', en: 'identity' },
  involvement: { nl: 'betrokkenheid', en: 'involvement' },
  contact: { nl: 'contact', en: 'contact' },
  assessment: { nl: 'beoordeling', en: 'assessment' },
  referral: { nl: 'verwijzingen', en: 'referrals' },
  content: { nl: 'inhoud', en: 'content' },
};

/** A code's label, or the code itself for one outside the vocabulary (e.g. another life-area set). */
export function label<K extends string>(labels: Labels<K>, code: unknown, lang: Lang): string {
  return (
    (labels as Record<string, Record<Lang, string> | undefined>)[String(code)]?.[lang] ??
    String(code)
  );
}

export function rungLabel(rung: unknown, lang: Lang): string {
  const found = LADDER_RUNGS.find((candidate) => candidate.rung === rung);
  return found ? `${found.rung} (${found[lang].toLowerCase()})` : String(rung);
}
