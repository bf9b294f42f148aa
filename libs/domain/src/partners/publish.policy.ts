import type { EventType } from '../catalogue/event-type.catalogue';
import { reject, type Rejection } from '../client-case/client-case-rejection';
import { BSN_PARTNER_KINDS, PARTNER_KINDS, type PartnerKind } from './partner-kind.catalogue';

const ANY_KIND = PARTNER_KINDS;

/**
 * Which partner kinds may publish each type at all; whether this partner may publish it for this
 * client (involvement, lead, referral roles) is the client-case decider's business.
 */
export const PUBLISH_PERMISSIONS: { readonly [T in EventType]: readonly PartnerKind[] } = {
  'nl.samenloop.client-enrolled.v1': ['municipality'],
  'nl.samenloop.client-reference-linked.v1': ANY_KIND,
  // A signal is matched on the BSN, so only kinds that may use it can signal.
  'nl.samenloop.involvement-signalled.v1': BSN_PARTNER_KINDS,
  'nl.samenloop.involvement-ended.v1': ANY_KIND,
  // The municipality owns the agreement: it vouches for a match before identity flows.
  'nl.samenloop.involvement-confirmed.v1': ['municipality'],
  'nl.samenloop.case-lead-assigned.v1': ANY_KIND,
  'nl.samenloop.contact-attempted.v1': ANY_KIND,
  'nl.samenloop.visit-held.v1': ANY_KIND,
  'nl.samenloop.life-areas-assessed.v1': ANY_KIND,
  'nl.samenloop.goal-set.v1': ANY_KIND,
  'nl.samenloop.goal-achieved.v1': ANY_KIND,
  'nl.samenloop.goal-abandoned.v1': ANY_KIND,
  'nl.samenloop.referral-made.v1': ANY_KIND,
  'nl.samenloop.referral-accepted.v1': ANY_KIND,
  'nl.samenloop.referral-declined.v1': ANY_KIND,
  'nl.samenloop.referral-completed.v1': ANY_KIND,
  'nl.samenloop.referral-cancelled.v1': ANY_KIND,
  'nl.samenloop.ladder-step-reached.v1': ANY_KIND,
  'nl.samenloop.consent-granted.v1': ANY_KIND,
  'nl.samenloop.consent-withdrawn.v1': ANY_KIND,
  'nl.samenloop.case-closed.v1': ANY_KIND,
  // Erasure is the hub administrator's act, never a partner's.
  'nl.samenloop.client-erased.v1': [],
};

export function mayPublish(kind: PartnerKind, type: EventType): boolean {
  return PUBLISH_PERMISSIONS[type].includes(kind);
}

/**
 * The refusal of a type the partner's kind may not publish, or undefined. The decider asks it
 * first; the intake asks it too before it looks a client up, so that such a partner learns
 * nothing about clients or BSNs.
 */
export function publishRejection(kind: PartnerKind, type: EventType): Rejection | undefined {
  return mayPublish(kind, type)
    ? undefined
    : reject('type-not-allowed', `a ${kind} partner may not publish ${type}`);
}
