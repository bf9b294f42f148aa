import {
  type ClientCaseEvent,
  type ClientCaseState,
  isHubIssued,
  type PartnerKind,
} from '@samenloop/domain';
import { entitlementFor, type SharingAgreement } from '@samenloop/sharing';
import type { CaseLead } from '../viewer/viewer';

export interface EventAccess {
  readable: boolean;
  /** Data fields the viewer may not see even where it may read the event (`description`, ...). */
  omitFields: readonly string[];
}

export const RESTRICTED: EventAccess = Object.freeze({ readable: false, omitFields: [] });
const OWN: EventAccess = Object.freeze({ readable: true, omitFields: [] });

export interface EventAccessQuestion {
  viewer: CaseLead;
  event: ClientCaseEvent;
  /** The case just before the event: consent counts as it stood then. */
  before: ClientCaseState;
  /** The case now. A partner involved now reads the history as the policy lets it. */
  now: ClientCaseState;
  senderKind: PartnerKind | undefined;
  agreement: SharingAgreement | undefined;
}

/**
 * Whether a case lead may read one event of a client's timeline: its own partner's events always;
 * another's as the sharing policy entitles its partner (agreement in force, professional secrecy
 * and consent as of the event). The policy is asked with the case as it is now, in which the
 * viewer is involved, so a partner that joined later reads the history it is entitled to.
 */
export function eventAccess({
  viewer,
  event,
  before,
  now,
  senderKind,
  agreement,
}: EventAccessQuestion): EventAccess {
  if (event.partnerId === viewer.partner.id) return OWN;
  // The policy needs the sender's kind to honour secrecy; a partner no longer registered has none.
  if (senderKind === undefined && !isHubIssued(event)) return RESTRICTED;
  const entitled = entitlementFor({
    receiver: viewer.partner,
    event,
    stateBefore: before,
    stateAfter: now,
    senderKind,
    agreement,
  });
  return entitled.deliver ? { readable: true, omitFields: entitled.omitFields } : RESTRICTED;
}
