import { isEventType, isHubIssued, type PartnerKind } from '@samenloop/domain';
import { settledEntitlementFor, type SharingAgreement } from '@samenloop/sharing';
import type { TimelineEntryEntity } from '../timeline/timeline-entry.entity';
import type { CaseLead } from '@samenloop/identity';

export interface EventAccess {
  readable: boolean;
  /** Data fields the viewer may not see even where it may read the event (`description`, ...). */
  omitFields: readonly string[];
}

export const RESTRICTED: EventAccess = Object.freeze({ readable: false, omitFields: [] });
const OWN: EventAccess = Object.freeze({ readable: true, omitFields: [] });

/** An event as the timeline stored it, with what the policy settled as it happened. */
export type StoredEvent = Pick<TimelineEntryEntity, 'position' | 'type' | 'partnerId' | 'secrecy'>;

export interface EventAccessQuestion {
  /** A case lead of a partner involved with the client now: the event is its business. */
  viewer: CaseLead;
  event: StoredEvent;
  /** The sender's kind as registered now; undefined once the partner was revoked. */
  senderKind: PartnerKind | undefined;
  /** The viewer's agreement in force. */
  agreement: SharingAgreement | undefined;
  /** The viewer's match on its BSN signal awaits the enrolling municipality's confirmation now. */
  unconfirmed: boolean;
}

/**
 * Whether a case lead may read one event of a client's timeline: its own partner's events always;
 * another's as the sharing policy entitles its partner, from what was settled as the event
 * happened (professional secrecy and consent then, stored by the timeline projection) and the
 * agreement in force now. A partner involved now reads the history it is entitled to.
 */
export function eventAccess({
  viewer,
  event,
  senderKind,
  agreement,
  unconfirmed,
}: EventAccessQuestion): EventAccess {
  if (event.partnerId === viewer.partner.id) return OWN;
  const { type, partnerId, secrecy } = event;
  if (!isEventType(type)) return RESTRICTED;
  // The policy needs the sender's kind to honour secrecy; a partner no longer registered has none.
  if (secrecy === null || (senderKind === undefined && !isHubIssued({ type, partnerId }))) {
    return RESTRICTED;
  }
  const entitled = settledEntitlementFor({
    receiver: viewer.partner,
    event: { type, partnerId },
    secrecy: () => secrecy,
    unconfirmed,
    agreement,
  });
  return entitled.deliver ? { readable: true, omitFields: entitled.omitFields } : RESTRICTED;
}
