import type { OutboundEventType } from '../catalogue/outbound-event.catalogue';
import type { OutboundData } from './outbound-event.schemas';

/**
 * One example `data` per outbound type, as a partner entitled to everything would receive it;
 * shown in the AsyncAPI document and checked against the schemas.
 */
export const OUTBOUND_EXAMPLES: { readonly [T in OutboundEventType]: OutboundData<T> } = {
  'nl.samenloop.client-enrolled.v1': {
    municipality: 'GM0794',
    programme: 'Samen verder',
    profile: 'social-activation-with-care',
    startRung: 1,
    person: {
      givenName: 'Anna',
      familyName: 'de Vries',
      birthDate: '1971-04-12',
      bsn: '111222333',
    },
  },
  'nl.samenloop.client-reference-linked.v1': { reference: 'GGZ-2025-0042' },
  'nl.samenloop.involvement-matched.v1': {
    signalledBy: 'ggz-oost-brabant',
    involvedPartners: ['gemeente-helmond', 'ggz-oost-brabant'],
  },
  'nl.samenloop.involvement-ended.v1': { reason: 'Treatment finished.' },
  'nl.samenloop.involvement-confirmed.v1': { partner: 'ggz-oost-brabant' },
  'nl.samenloop.case-lead-assigned.v1': {
    leadPartner: 'ggz-oost-brabant',
    leadActor: 'emp-1234',
    reason: 'The client trusts her GGZ counsellor most.',
  },
  'nl.samenloop.contact-attempted.v1': { channel: 'phone', outcome: 'no-answer' },
  'nl.samenloop.visit-held.v1': {
    location: 'home',
    lifeAreasDiscussed: ['finances', 'social-network'],
    withPartners: ['wijkteam-welzijn'],
    durationMinutes: 60,
    notes: 'Coffee at the kitchen table; the debts weigh most.',
  },
  'nl.samenloop.life-areas-assessed.v1': {
    instrument: 'ZRM-2017',
    scores: { finances: 1, 'social-network': 2, 'time-use': 2 },
  },
  'nl.samenloop.goal-set.v1': {
    goalId: 'goal-1',
    lifeArea: 'time-use',
    description: 'Pour coffee at the BOP one morning a week.',
  },
  'nl.samenloop.goal-achieved.v1': { goalId: 'goal-1', reason: 'Pours coffee every Tuesday.' },
  'nl.samenloop.goal-abandoned.v1': { goalId: 'goal-1', reason: 'Moved out of town.' },
  'nl.samenloop.referral-made.v1': {
    referralId: 'ref-1',
    service: 'neighbourhood-centre',
    toPartner: 'wijkteam-welzijn',
    reason: 'Lonely since her husband died.',
  },
  'nl.samenloop.referral-accepted.v1': { referralId: 'ref-1', reason: 'Welcome on Tuesdays.' },
  'nl.samenloop.referral-declined.v1': { referralId: 'ref-1', reason: 'No places left.' },
  'nl.samenloop.referral-completed.v1': { referralId: 'ref-1', outcome: 'attended' },
  'nl.samenloop.referral-cancelled.v1': { referralId: 'ref-1', reason: 'The client declined.' },
  'nl.samenloop.ladder-step-reached.v1': { rung: 3 },
  'nl.samenloop.consent-granted.v1': {
    toPartner: 'gemeente-helmond',
    categories: ['assessment', 'content'],
  },
  'nl.samenloop.consent-withdrawn.v1': { toPartner: 'gemeente-helmond', categories: ['content'] },
  'nl.samenloop.case-closed.v1': { reason: 'goal-reached' },
  'nl.samenloop.client-erased.v1': { reason: 'Request under AVG article 17.' },
};
