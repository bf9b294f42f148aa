import type { EventType } from '@samenloop/domain';
import type { CloudEventOf, WireData } from './cloud-event-types';

/**
 * One valid `data` per inbound type, as a partner would send it: shown in docs/inbound.md, the
 * OpenAPI and AsyncAPI documents, and checked against both the validator and the JSON Schemas.
 */
export const INBOUND_EXAMPLES: { readonly [T in EventType]: WireData<T> } = {
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
  'nl.samenloop.involvement-signalled.v1': { bsn: '111222333' },
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
    description: 'Pour coffee at the neighbourhood centre one morning a week.',
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

/** The example of a type as a whole CloudEvent in structured mode, sent by a municipality. */
export function inboundExampleEvent<T extends EventType>(type: T): CloudEventOf<T> {
  return {
    specversion: '1.0',
    id: 'b2f4c6e0-3d1a-4f7e-9a52-0c8e1d7b6a43',
    source: 'urn:samenloop:partner:gemeente-helmond',
    type,
    subject: 'GM-2026-000123',
    time: '2026-03-02T10:15:00+01:00',
    actor: 'emp-1234',
    datacontenttype: 'application/json',
    data: INBOUND_EXAMPLES[type],
  };
}
