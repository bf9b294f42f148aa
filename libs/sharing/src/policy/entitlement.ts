import type {
  ClientCaseEvent,
  ClientCaseState,
  DataCategory,
  EventType,
  PartnerKind,
} from '@samenloop/domain';
import type { AgreementParty, SharingAgreement } from '../agreements/sharing-agreement-set';

export interface EntitlementQuestion {
  receiver: AgreementParty;
  event: ClientCaseEvent;
  /** The client's case just before and just after the event. */
  stateBefore: ClientCaseState;
  stateAfter: ClientCaseState;
  /** The publishing partner's kind; undefined only for what the hub issued (`isHubIssued`). */
  senderKind: PartnerKind | undefined;
  /** The receiver's agreement in the version in force (`SharingAgreementSet.agreementFor`). */
  agreement: SharingAgreement | undefined;
}

/**
 * What of an event's entitlement was settled when it happened, whoever asks later: each of its
 * categories under professional secrecy, with the partners the client had consented to receive
 * it from the sender then (sorted). A category not named is not bound.
 */
export type EventSecrecy = Readonly<Partial<Record<DataCategory, readonly string[]>>>;

/**
 * An entitlement asked with the settled part of the event stored (`secrecyOf`) rather than the
 * case states around it: for a receiver already known to be concerned (involved now) and not the
 * sender itself, as a read model asks it.
 */
export interface SettledEntitlementQuestion {
  receiver: AgreementParty;
  event: { type: EventType; partnerId: string };
  /** Asked for only once the agreement covers the receiver at all. */
  secrecy: () => EventSecrecy;
  /** The receiver's match on its BSN signal awaits the enrolling municipality's confirmation. */
  unconfirmed: boolean;
  agreement: SharingAgreement | undefined;
}

export type NonDeliveryReason =
  /** Not involved before or after the event, nor addressed by it. */
  | 'not-concerned'
  /** The sender has its own event already. */
  | 'own-event'
  | 'no-agreement'
  /** The agreement does not name the event's category. */
  | 'not-in-agreement'
  /** A health partner's assessment or content, without the client's consent for this receiver. */
  | 'no-consent'
  /**
   * The enrolment (who the client is) to a partner matched on its signal, under an agreement that
   * waits for the enrolling municipality's confirmation (`identityOnMatch: after-confirmation`).
   */
  | 'awaiting-confirmation';

export interface DeliveryBasis {
  agreementVersion: string;
  legalBasis: string;
  purpose: string;
  /** Present when a category was included on the strength of the client's consent. */
  consent?: true;
}

export interface Delivery {
  deliver: true;
  /** The categories whose fields the receiver gets. */
  categories: DataCategory[];
  /** Dotted data paths to strip before sending (`person`, `person.bsn`, `notes`, `reason`). */
  omitFields: string[];
  basis: DeliveryBasis;
}

export interface NonDelivery {
  deliver: false;
  reason: NonDeliveryReason;
}

export type Entitlement = Delivery | NonDelivery;
