import type { PartnerKind } from '@samenloop/domain';

export interface Partner {
  id: string;
  kind: PartnerKind;
  name: string;
  createdAt: Date;
  /** When the current token was issued. */
  tokenIssuedAt: Date;
}

/** Lower-case letters, digits and dashes: the id appears in CloudEvents sources and topic names. */
export const PARTNER_ID_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
