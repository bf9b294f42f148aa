import {
  categoriesOf,
  type DataCategory,
  EVENT_CATEGORIES,
  type EventType,
  fieldsOfCategory,
  isHealthPartnerKind,
  isHubIssued,
  mayUseBsn,
  type PartnerKind,
} from '@samenloop/domain';
import { isConcerned } from './audience.policy';
import type {
  Entitlement,
  EntitlementQuestion,
  EventSecrecy,
  NonDeliveryReason,
  SettledEntitlementQuestion,
} from './entitlement';

const SIGNALLED: EventType = 'nl.samenloop.involvement-signalled.v1';
const ENROLLED: EventType = 'nl.samenloop.client-enrolled.v1';
const ERASED: EventType = 'nl.samenloop.client-erased.v1';

/**
 * Never sent, whatever an agreement says: the BSN hash (only in enrolments stored before it left
 * the log for the BSN index) could still single the person out, and the enrolling partner's own
 * reference would let partners link their records without the hub.
 */
const HUB_ONLY_FIELDS: Partial<Record<EventType, readonly string[]>> = {
  'nl.samenloop.client-enrolled.v1': ['bsnHash', 'reference'],
};

/** Where an event's identity carries a BSN, which only kinds a law allows to use it may get. */
const BSN_PATHS: Partial<Record<EventType, { within: string; path: string }>> = {
  'nl.samenloop.client-enrolled.v1': { within: 'person', path: 'person.bsn' },
};

/** Professional secrecy: what leaves a health partner only with the client's consent. */
const SECRET_CATEGORIES: readonly DataCategory[] = ['assessment', 'content'];

/**
 * The kind a sender no longer in the registry (revoked since) is read as: the strictest, bound by
 * professional secrecy, so that its assessment and content still need the client's consent.
 */
export const UNKNOWN_SENDER_KIND: PartnerKind = 'mental-health';

/**
 * What one partner may receive of one stored event, and why (domain.md, "Law that shapes the
 * design"). Pure: the agreement and the states around the event come in as arguments.
 */
export function entitlementFor(question: EntitlementQuestion): Entitlement {
  const { receiver, event, stateBefore, stateAfter } = question;
  if (!isConcerned(receiver.id, event, stateBefore, stateAfter)) return refused('not-concerned');
  // Signal and match: the signaller, too, is told who else is involved.
  if (receiver.id === event.partnerId && event.type !== SIGNALLED && !isHubIssued(event)) {
    return refused('own-event');
  }
  return settledEntitlementFor({
    ...question,
    secrecy: () => secrecyOf(question),
    unconfirmed: stateAfter.enrolled && stateAfter.unconfirmed.has(receiver.id),
  });
}

/**
 * {@link entitlementFor} for a receiver concerned with the event and not its sender, from what
 * was settled as the event happened: the agreement in force decides the rest, so a changed
 * agreement applies at once to events stored long before.
 */
export function settledEntitlementFor(question: SettledEntitlementQuestion): Entitlement {
  const { receiver, event, agreement } = question;
  if (!agreement) return refused('no-agreement');
  // Whole, not stripped of the person: the feed sends each event once, so the enrolment must wait
  // to go out with the person once the match is confirmed.
  if (
    event.type === ENROLLED &&
    agreement.identityOnMatch === 'after-confirmation' &&
    question.unconfirmed
  ) {
    return refused('awaiting-confirmation');
  }

  const secrecy = question.secrecy();
  const secret = (category: DataCategory) => secrecy[category] !== undefined;
  const covered = (category: DataCategory) =>
    agreement.categories.includes(category) && (secrecy[category]?.includes(receiver.id) ?? true);

  const main = EVENT_CATEGORIES[event.type].category;
  // An erasure notice carries no personal data and must reach every partner that may hold some
  // (AVG art. 17 and 19), whatever categories its agreement names.
  if (!covered(main) && event.type !== ERASED) {
    return refused(agreement.categories.includes(main) ? 'no-consent' : 'not-in-agreement');
  }
  const categories = categoriesOf(event.type).filter(covered);
  const stripped = categoriesOf(event.type)
    .filter((category) => !covered(category))
    .flatMap((category) => fieldsOfCategory(event.type, category));
  const bsn = BSN_PATHS[event.type];
  const bsnStripped =
    bsn && !mayUseBsn(receiver.kind) && !stripped.includes(bsn.within) ? [bsn.path] : [];
  return {
    deliver: true,
    categories,
    omitFields: [...new Set([...stripped, ...(HUB_ONLY_FIELDS[event.type] ?? []), ...bsnStripped])],
    basis: {
      agreementVersion: agreement.agreementVersion,
      legalBasis: agreement.legalBasis,
      purpose: agreement.purpose,
      ...(categories.some(secret) ? { consent: true as const } : {}),
    },
  };
}

function refused(reason: NonDeliveryReason): Entitlement {
  return { deliver: false, reason };
}

/**
 * The categories of an event under professional secrecy, each with the partners the client had
 * consented to receive it from the sender as the event happened: data sent after a withdrawal is
 * no longer covered, data sent before it was. Throws without the sender's kind, which a partner's
 * event needs.
 */
export function secrecyOf({
  event,
  stateBefore,
  senderKind,
}: Pick<EntitlementQuestion, 'event' | 'stateBefore' | 'senderKind'>): EventSecrecy {
  // Recognised by what only the hub can issue, never by its id: a partner registered as `admin`
  // before ids were reserved is bound by its kind like any other.
  const hub = isHubIssued(event);
  if (senderKind === undefined && !hub) {
    // Guessing would risk sending a health partner's secrets: the caller must know the sender.
    throw new Error(`the kind of sender ${event.partnerId} is needed to decide what it may share`);
  }
  const bound = !hub && senderKind !== undefined && isHealthPartnerKind(senderKind);
  if (!bound) return {};
  const given = stateBefore.enrolled ? stateBefore.consents.get(event.partnerId) : undefined;
  const secrecy: Partial<Record<DataCategory, string[]>> = {};
  for (const category of categoriesOf(event.type)) {
    if (!SECRET_CATEGORIES.includes(category)) continue;
    secrecy[category] = [...(given ?? [])]
      .filter(([, categories]) => categories.has(category))
      .map(([partner]) => partner)
      .sort();
  }
  return secrecy;
}
