import type { PartnerKind } from '@samenloop/domain';

export interface Partner {
  id: string;
  kind: PartnerKind;
  name: string;
  createdAt: Date;
  /** When the current token was issued. */
  tokenIssuedAt: Date;
}
