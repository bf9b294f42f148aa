import type { DataCategory, PartnerKind } from '@samenloop/domain';
import type { IdentityOnMatch, SharingAgreementFile } from './sharing-agreement.schema';

/** What one partner may receive, and on what grounds; recorded with every delivery. */
export interface SharingAgreement {
  /** The `version` of the agreements file the terms come from. */
  agreementVersion: string;
  categories: readonly DataCategory[];
  legalBasis: string;
  purpose: string;
  /** Absent means `immediate`. */
  identityOnMatch?: IdentityOnMatch;
}

export interface AgreementParty {
  id: string;
  kind: PartnerKind;
}

/** One version of the agreements: an immutable value, so a reload never changes it under a reader. */
export interface SharingAgreementSet {
  readonly version: string;
  /** The partner's own entry, else its kind's; none means the partner receives nothing. */
  agreementFor(partner: AgreementParty): SharingAgreement | undefined;
}

/** Expects a validated file (see the loader): one entry per receiver. */
export function sharingAgreementSet({
  version,
  agreements,
}: SharingAgreementFile): SharingAgreementSet {
  const byPartner = new Map<string, SharingAgreement>();
  const byKind = new Map<PartnerKind, SharingAgreement>();
  for (const { receiver, categories, legalBasis, purpose, identityOnMatch } of agreements) {
    const terms = Object.freeze({
      agreementVersion: version,
      categories: Object.freeze([...categories]),
      legalBasis,
      purpose,
      ...(identityOnMatch === undefined ? {} : { identityOnMatch }),
    });
    if (receiver.partner !== undefined) byPartner.set(receiver.partner, terms);
    if (receiver.kind !== undefined) byKind.set(receiver.kind, terms);
  }
  return Object.freeze({
    version,
    agreementFor: ({ id, kind }: AgreementParty) => byPartner.get(id) ?? byKind.get(kind),
  });
}
