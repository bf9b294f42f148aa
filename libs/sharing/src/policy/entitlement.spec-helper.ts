import { join } from 'node:path';
import {
  ADMIN_PARTNER_ID,
  type ClientCaseEvent,
  type ClientCaseState,
  type DataCategory,
  type EventDataMap,
  type EventName,
  type EventType,
  evolve,
  evolveAll,
  PARTNER_KINDS,
  type PartnerKind,
} from '@samenloop/domain';
import { storedEvent } from '@samenloop/testing';
import { loadSharingAgreements } from '../agreements/agreement-loader';
import type { AgreementParty } from '../agreements/sharing-agreement-set';
import type { Entitlement, EntitlementQuestion } from './entitlement';
import { entitlementFor } from './entitlement.policy';

/** The shipped agreements: the matrix documents what the product really shares. */
export const AGREEMENTS = loadSharingAgreements(join(__dirname, '../../../../config/sharing.yaml'));

/** One partner of every kind: the six demo partners and a health insurer without an agreement. */
export const PARTNERS: { readonly [K in PartnerKind]: AgreementParty & { kind: K } } = {
  municipality: { id: 'gemeente-helmond', kind: 'municipality' },
  'mental-health': { id: 'ggz-oost-brabant', kind: 'mental-health' },
  gp: { id: 'huisartsen-helmond', kind: 'gp' },
  'work-company': { id: 'werkbedrijf-helmond', kind: 'work-company' },
  'housing-corporation': { id: 'woonbedrijf', kind: 'housing-corporation' },
  welfare: { id: 'wijkteam-welzijn', kind: 'welfare' },
  other: { id: 'zorgverzekeraar', kind: 'other' },
};

export const { municipality: MUNICIPALITY, 'mental-health': GGZ, gp: GP } = PARTNERS;
export const { 'work-company': WORK, 'housing-corporation': HOUSING, welfare: WELFARE } = PARTNERS;

export const ADMIN = { id: ADMIN_PARTNER_ID } as const;

export { storedEvent as stored };

/** Valid data for every type, with every optional field filled so that stripping shows. */
const SAMPLE_DATA: { readonly [N in EventName]: EventDataMap[EventType<N>] } = {
  'client-enrolled': {
    municipality: 'GM0794',
    profile: 'social-activation',
    person: { sealed: 'c2VhbGVk' },
    reference: 'helmond-4711',
  },
  'client-reference-linked': { reference: 'own-ref-1' },
  'involvement-signalled': {},
  'involvement-ended': { reason: 'treatment finished' },
  'involvement-confirmed': { partner: GGZ.id },
  'case-lead-assigned': { leadPartner: GGZ.id, leadActor: 'emp-7', reason: 'client trusts GGZ' },
  'contact-attempted': { channel: 'phone', outcome: 'no-answer' },
  'visit-held': { location: 'home', lifeAreasDiscussed: ['finances'], notes: 'kitchen table' },
  'life-areas-assessed': { instrument: 'ZRM-2017', scores: { finances: 2 } },
  'goal-set': { goalId: 'goal-1', lifeArea: 'time-use', description: 'Coffee at the BOP' },
  'goal-achieved': { goalId: 'goal-1', reason: 'pours coffee on Tuesdays' },
  'goal-abandoned': { goalId: 'goal-1', reason: 'moved away' },
  'referral-made': {
    referralId: 'ref-1',
    service: 'neighbourhood-centre',
    toPartner: WELFARE.id,
    reason: 'lonely',
  },
  'referral-accepted': { referralId: 'ref-1', reason: 'welcome' },
  'referral-declined': { referralId: 'ref-1', reason: 'full' },
  'referral-completed': { referralId: 'ref-1', outcome: 'attended' },
  'referral-cancelled': { referralId: 'ref-1', reason: 'client declined' },
  'ladder-step-reached': { rung: 3 },
  'consent-granted': { toPartner: HOUSING.id, categories: ['assessment'] },
  'consent-withdrawn': { toPartner: HOUSING.id, categories: ['assessment'] },
  'case-closed': { reason: 'goal-reached' },
  'client-erased': { reason: 'article 17 request' },
};

export function sample(by: { id: string }, name: EventName): ClientCaseEvent {
  // `name` is a union here, which TypeScript cannot pair with its data without help.
  return storedEvent(by, name, SAMPLE_DATA[name]) as ClientCaseEvent;
}

export const enrolment = storedEvent(
  MUNICIPALITY,
  'client-enrolled',
  SAMPLE_DATA['client-enrolled'],
);

/** Brings a partner in the way it would really join: by signal, else by an accepted referral. */
function joining(partner: AgreementParty, index: number): ClientCaseEvent[] {
  if (['mental-health', 'gp', 'work-company'].includes(partner.kind)) {
    return [storedEvent(partner, 'involvement-signalled', {})];
  }
  const referralId = `join-${index}`;
  return [
    storedEvent(MUNICIPALITY, 'referral-made', {
      referralId,
      service: 'other',
      toPartner: partner.id,
    }),
    storedEvent(partner, 'referral-accepted', { referralId }),
  ];
}

/** A case every partner of {@link PARTNERS} is involved with. */
export const EVERYONE_INVOLVED: ClientCaseState = evolveAll([
  enrolment,
  ...Object.values(PARTNERS)
    .filter((partner) => partner.kind !== 'municipality')
    .flatMap(joining),
]);

export const CONSENT_STATES = ['none', 'granted', 'withdrawn'] as const;
type ConsentState = (typeof CONSENT_STATES)[number];

/** The sender's consent towards every other partner for its secret categories. */
export function withConsent(
  state: ClientCaseState,
  sender: { id: string },
  consent: ConsentState,
): ClientCaseState {
  const categories: DataCategory[] = ['assessment', 'content'];
  const toEveryone = (name: 'consent-granted' | 'consent-withdrawn') =>
    Object.values(PARTNERS)
      .filter((partner) => partner.id !== sender.id)
      .map((partner) => storedEvent(sender, name, { toPartner: partner.id, categories }));
  const given = consent === 'none' ? [] : toEveryone('consent-granted');
  const withdrawn = consent === 'withdrawn' ? toEveryone('consent-withdrawn') : [];
  return evolveAll([...given, ...withdrawn], state);
}

/**
 * Asks the policy about `event` in `stateBefore`, with the receiver's shipped agreement; the
 * administrator has no kind.
 */
export function entitlement(
  receiver: AgreementParty,
  event: ClientCaseEvent,
  stateBefore: ClientCaseState = EVERYONE_INVOLVED,
): Entitlement {
  const question: EntitlementQuestion = {
    receiver,
    event,
    stateBefore,
    stateAfter: evolve(stateBefore, event),
    senderKind: PARTNER_KINDS.find((kind) => PARTNERS[kind].id === event.partnerId),
    agreement: AGREEMENTS.agreementFor(receiver),
  };
  return entitlementFor(question);
}
