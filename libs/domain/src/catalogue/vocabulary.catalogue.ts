export const CONTACT_CHANNELS = [
  'phone',
  'letter',
  'doorstep',
  'email',
  'via-partner',
  'other',
] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];

export const CONTACT_OUTCOMES = ['no-answer', 'declined', 'appointment-made', 'reached'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export const VISIT_LOCATIONS = [
  'home',
  'neighbourhood-centre',
  'office',
  'partner-site',
  'other',
] as const;
export type VisitLocation = (typeof VISIT_LOCATIONS)[number];

export const REFERRAL_SERVICES = [
  'debt-help',
  'gp',
  'mental-health',
  'language-class',
  'volunteering',
  'sport',
  'neighbourhood-centre',
  'home-care',
  'work-activation',
  'housing',
  'other',
] as const;
export type ReferralService = (typeof REFERRAL_SERVICES)[number];

export const REFERRAL_OUTCOMES = ['attended', 'not-attended', 'ended-early'] as const;
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** Helmond's four client profiles. */
export const CLIENT_PROFILES = [
  'income-support',
  'social-activation-with-care',
  'social-activation',
  'work-activation',
] as const;
export type ClientProfile = (typeof CLIENT_PROFILES)[number];

export const CLOSE_REASONS = ['goal-reached', 'moved', 'declined', 'deceased', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
