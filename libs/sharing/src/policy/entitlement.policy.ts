import {
  categoriesOf,
  type DataCategory,
  EVENT_CATEGORIES,
  type EventType,
  fieldsOfCategory,
  isHealthPartnerKind,
  isHubIssued,
  mayUseBsn,
} from '@samenloop/domain';
import { isConcerned } from './audience.policy';
import type { Entitlement, EntitlementQuestion, NonDeliveryReason } from './entitlement';

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
 * What one partner may receive of one stored event, and why (domain.md, "Law that shapes the
 * design"). Pure: the agreement and the states around the event come in as arguments.
 */
export function entitlementFor(question: EntitlementQuestion): Entitlement {
  const { receiver, event, stateBefore, stateAfter, agreement } = question;
  if (!isConcerned(receiver.id, event, stateBefore, stateAfter)) return refused('not-concerned');
  // Signal and match: the signaller, too, is told who else is involved.
  if (receiver.id === event.partnerId && event.type !== SIGNALLED && !isHubIssued(event)) {
    return refused('own-event');
  }
  if (!agreement) return refused('no-agreement');
  // Whole, not stripped of the person: the feed sends each event once, so the enrolment must wait
  // to go out with the person once the match is confirmed.
  if (event.type === ENROLLED && awaitsConfirmation(question)) {
    return refused('awaiting-confirmation');
  }

  const secret = secrecyOf(question);
  const consented = consentAsOf(question);
  const covered = (category: DataCategory) =>
    agreement.categories.includes(category) && (!secret(category) || consented.has(category));

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

/** A BSN match the receiver's agreement holds identity back for, not yet confirmed. */
function awaitsConfirmation({ receiver, stateAfter, agreement }: EntitlementQuestion): boolean {
  return (
    agreement?.identityOnMatch === 'after-confirmation' &&
    stateAfter.enrolled &&
    stateAfter.unconfirmed.has(receiver.id)
  );
}

function refused(reason: NonDeliveryReason): Entitlement {
  return { deliver: false, reason };
}

/** Which categories of this event may leave its sender only with consent. */
function secrecyOf({
  event,
  senderKind,
}: EntitlementQuestion): (category: DataCategory) => boolean {
  // Recognised by what only the hub can issue, never by its id: a partner registered as `admin`
  // before ids were reserved is bound by its kind like any other.
  const hub = isHubIssued(event);
  if (senderKind === undefined && !hub) {
    // Guessing would risk sending a health partner's secrets: the caller must know the sender.
    throw new Error(`the kind of sender ${event.partnerId} is needed to decide what it may share`);
  }
  const bound = !hub && senderKind !== undefined && isHealthPartnerKind(senderKind);
  return (category) => bound && SECRET_CATEGORIES.includes(category);
}

/**
 * The categories the sender lets the receiver have, as they stood when the event happened: data
 * sent after a withdrawal is no longer covered, data sent before it was.
 */
function consentAsOf({
  event,
  stateBefore,
  receiver,
}: EntitlementQuestion): ReadonlySet<DataCategory> {
  const given = stateBefore.enrolled ? stateBefore.consents.get(event.partnerId) : undefined;
  return given?.get(receiver.id) ?? new Set();
}
