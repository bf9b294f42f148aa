import type { AgreementParty, SharingAgreementSet } from '../agreements/sharing-agreement-set';
import type { Delivery, EntitlementQuestion } from './entitlement';
import { entitlementFor } from './entitlement.policy';

export interface ReceiversQuestion extends Omit<EntitlementQuestion, 'receiver' | 'agreement'> {
  /** Every partner that could receive: the relay's registry. */
  partners: readonly AgreementParty[];
  agreements: SharingAgreementSet;
}

export interface Receiver {
  receiver: AgreementParty;
  entitlement: Delivery;
}

/** The partners an event is delivered to, each with what it may receive of it. */
export function receiversOf({ partners, agreements, ...event }: ReceiversQuestion): Receiver[] {
  return partners.flatMap((receiver) => {
    const entitlement = entitlementFor({
      ...event,
      receiver,
      agreement: agreements.agreementFor(receiver),
    });
    return entitlement.deliver ? [{ receiver, entitlement }] : [];
  });
}
