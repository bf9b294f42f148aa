import { bsnSignalsMigrations } from './matching/bsn-signals.migrations';
import { clientReferencesMigrations } from './references/client-references.migrations';
import { partnersMigrations } from './partners/partners.migrations';

export { AdminAuthGuard } from './auth/admin-auth.guard';
export { CaseStates } from './case-states/case-states';
export type { CaseStateAt } from './case-states/case-states';
export { CaseStatesModule } from './case-states/case-states.module';
export { CurrentPartner } from './auth/current-partner.decorator';
export { PartnerAuthGuard } from './auth/partner-auth.guard';
export type { PartnerRequest } from './auth/partner-auth.guard';
export { BsnIndex, bsnLock } from './matching/bsn-index';
export type { BsnRegistration } from './matching/bsn-index';
export { BsnSignalThrottle } from './matching/bsn-signal-throttle';
export type { SignalAdmission } from './matching/bsn-signal-throttle';
export { hashBsn } from './matching/bsn';
export { AdminCredentials } from './partners/admin-credentials';
export { DEMO_PARTNERS } from './partners/demo-partners';
export { generateBearerToken, hashBearerToken } from './partners/bearer-token';
export type { Partner } from './partners/partner';
export {
  InvalidPartnerError,
  PartnerExistsError,
  UnknownPartnerError,
} from './partners/partner.errors';
export { PartnerRegistry } from './partners/partner-registry';
export { ReferenceTakenError } from './references/client-reference.errors';
export { ClientReferenceRegistry, referenceKey } from './references/client-reference-registry';
export type { PartnerReference, ReferenceBinding } from './references/client-reference-registry';
export { SharingModule } from './sharing.module';

export const sharingMigrations = [
  ...partnersMigrations,
  ...clientReferencesMigrations,
  ...bsnSignalsMigrations,
];
export {
  InvalidSharingAgreementsError,
  loadSharingAgreements,
  parseSharingAgreements,
} from './agreements/agreement-loader';
export type {
  AgreementParty,
  SharingAgreement,
  SharingAgreementSet,
} from './agreements/sharing-agreement-set';
export {
  SharingAgreements,
  sharingAgreementsProvider,
} from './agreements/sharing-agreements-provider';
export type {
  Delivery,
  DeliveryBasis,
  Entitlement,
  EntitlementQuestion,
  EventSecrecy,
  NonDelivery,
  NonDeliveryReason,
  SettledEntitlementQuestion,
} from './policy/entitlement';
export {
  entitlementFor,
  secrecyOf,
  settledEntitlementFor,
  UNKNOWN_SENDER_KIND,
} from './policy/entitlement.policy';
export { receiversOf } from './policy/receivers.policy';
export type { Receiver, ReceiversQuestion } from './policy/receivers.policy';
