import { type Static, type TObject, type TProperties, Type } from '@sinclair/typebox';
import {
  CLIENT_PROFILES,
  CLOSE_REASONS,
  CONTACT_CHANNELS,
  CONTACT_OUTCOMES,
  DATA_CATEGORIES,
  REFERRAL_OUTCOMES,
  REFERRAL_SERVICES,
  VISIT_LOCATIONS,
} from '@samenloop/domain';
import {
  dataSchemaUrl,
  type OutboundEventName,
  type OutboundEventType,
} from '../catalogue/outbound-event.catalogue';
import {
  Code,
  FreeText,
  Identifier,
  Name,
  PartnerId,
  Person,
  RedactableText,
  RedactedPerson,
  Rung,
  SetOf,
  stringEnum,
  ZrmScore,
} from './field.schema';

/**
 * The `data` of every outbound type: the one definition its JSON Schema (`dataschema`, AsyncAPI)
 * and its TypeScript type come from. Fields a sharing agreement may withhold (identity, free text)
 * are optional here even where a partner must send them; nothing else is ever added, so every
 * schema refuses unknown fields.
 */
function data<N extends OutboundEventName, P extends TProperties>(name: N, properties: P) {
  const type: OutboundEventType<N> = `nl.samenloop.${name}.v1`;
  return Type.Object(properties, {
    $id: dataSchemaUrl(type),
    title: `${type} data`,
    additionalProperties: false,
  });
}

const reason = { reason: Type.Optional(RedactableText) };
const goalClosed = { goalId: Identifier, ...reason };
const referralStep = { referralId: Identifier, ...reason };
const consent = { toPartner: PartnerId, categories: SetOf(stringEnum(DATA_CATEGORIES)) };

export const OUTBOUND_EVENT_SCHEMAS = {
  'nl.samenloop.client-enrolled.v1': data('client-enrolled', {
    municipality: Type.String({ pattern: '^GM[0-9]{4}$' }),
    programme: Type.Optional(Name),
    profile: Type.Optional(stringEnum(CLIENT_PROFILES)),
    startRung: Type.Optional(Rung),
    person: Type.Optional(Type.Union([Person, RedactedPerson])),
  }),
  /** `reference` is the linking partner's own id for the client: identity. */
  'nl.samenloop.client-reference-linked.v1': data('client-reference-linked', {
    reference: Type.Optional(Name),
  }),
  'nl.samenloop.involvement-matched.v1': data('involvement-matched', {
    signalledBy: PartnerId,
    /** Everyone involved with the client but the receiver itself. */
    involvedPartners: SetOf(PartnerId),
  }),
  'nl.samenloop.involvement-ended.v1': data('involvement-ended', reason),
  /**
   * The enrolling municipality confirmed the match a partner made on its signal; where the
   * receiver's agreement says `identityOnMatch: after-confirmation`, that partner is sent the
   * enrolment (with the person) only after this.
   */
  'nl.samenloop.involvement-confirmed.v1': data('involvement-confirmed', { partner: PartnerId }),
  'nl.samenloop.case-lead-assigned.v1': data('case-lead-assigned', {
    leadPartner: PartnerId,
    leadActor: Identifier,
    ...reason,
  }),
  'nl.samenloop.contact-attempted.v1': data('contact-attempted', {
    channel: stringEnum(CONTACT_CHANNELS),
    outcome: stringEnum(CONTACT_OUTCOMES),
  }),
  'nl.samenloop.visit-held.v1': data('visit-held', {
    location: stringEnum(VISIT_LOCATIONS),
    lifeAreasDiscussed: SetOf(Code),
    withPartners: Type.Optional(SetOf(PartnerId)),
    durationMinutes: Type.Optional(Type.Integer({ minimum: 1, maximum: 24 * 60 })),
    notes: Type.Optional(RedactableText),
  }),
  'nl.samenloop.life-areas-assessed.v1': data('life-areas-assessed', {
    instrument: Code,
    scores: Type.Record(Code, ZrmScore, { minProperties: 1 }),
  }),
  'nl.samenloop.goal-set.v1': data('goal-set', {
    goalId: Identifier,
    lifeArea: Code,
    description: Type.Optional(RedactableText),
  }),
  'nl.samenloop.goal-achieved.v1': data('goal-achieved', goalClosed),
  'nl.samenloop.goal-abandoned.v1': data('goal-abandoned', goalClosed),
  'nl.samenloop.referral-made.v1': data('referral-made', {
    referralId: Identifier,
    service: stringEnum(REFERRAL_SERVICES),
    toPartner: Type.Optional(PartnerId),
    ...reason,
  }),
  'nl.samenloop.referral-accepted.v1': data('referral-accepted', referralStep),
  'nl.samenloop.referral-declined.v1': data('referral-declined', referralStep),
  'nl.samenloop.referral-completed.v1': data('referral-completed', {
    referralId: Identifier,
    outcome: stringEnum(REFERRAL_OUTCOMES),
  }),
  'nl.samenloop.referral-cancelled.v1': data('referral-cancelled', referralStep),
  'nl.samenloop.ladder-step-reached.v1': data('ladder-step-reached', { rung: Rung }),
  'nl.samenloop.consent-granted.v1': data('consent-granted', consent),
  'nl.samenloop.consent-withdrawn.v1': data('consent-withdrawn', consent),
  'nl.samenloop.case-closed.v1': data('case-closed', { reason: stringEnum(CLOSE_REASONS) }),
  /** The administrator's reason holds no personal data: it outlives the erasure. */
  'nl.samenloop.client-erased.v1': data('client-erased', { reason: Type.Optional(FreeText) }),
} as const satisfies { readonly [T in OutboundEventType]: TObject };

export const OUTBOUND_EVENT_TYPES = Object.keys(OUTBOUND_EVENT_SCHEMAS) as OutboundEventType[];

export type OutboundData<T extends OutboundEventType = OutboundEventType> = Static<
  (typeof OUTBOUND_EVENT_SCHEMAS)[T]
>;
