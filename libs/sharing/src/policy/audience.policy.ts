import type { ClientCaseEvent, ClientCaseState } from '@samenloop/domain';

const NOBODY: ReadonlySet<string> = new Set();

/**
 * Whether an event is any of this partner's business: it is involved with the client before or
 * after the event (so an erasure reaches everyone involved before it, and a new lead hears of its
 * assignment), or the event addresses it directly.
 */
export function isConcerned(
  partnerId: string,
  event: ClientCaseEvent,
  stateBefore: ClientCaseState,
  stateAfter: ClientCaseState,
): boolean {
  return (
    involvedIn(stateBefore).has(partnerId) ||
    involvedIn(stateAfter).has(partnerId) ||
    addresseeOf(event, stateBefore) === partnerId
  );
}

function involvedIn(state: ClientCaseState): ReadonlySet<string> {
  return state.enrolled ? state.involved : NOBODY;
}

/** The partner an event names before it is involved. */
function addresseeOf(event: ClientCaseEvent, stateBefore: ClientCaseState): string | undefined {
  switch (event.type) {
    // It must see a referral to accept it, and learn when it is called off (closed loop).
    case 'nl.samenloop.referral-made.v1':
      return event.data.toPartner;
    case 'nl.samenloop.referral-cancelled.v1':
      return stateBefore.enrolled
        ? stateBefore.referrals.get(event.data.referralId)?.toPartner
        : undefined;
    // It learns what it may now be sent, and when that ends.
    case 'nl.samenloop.consent-granted.v1':
    case 'nl.samenloop.consent-withdrawn.v1':
      return event.data.toPartner;
    default:
      return undefined;
  }
}
