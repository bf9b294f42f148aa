import { ApiProperty } from '@nestjs/swagger';
import { PARTNER_KINDS } from '@samenloop/domain';
import type { Partner } from '../partners/partner';

export class PartnerView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: PARTNER_KINDS }) kind!: string;
  @ApiProperty() name!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ description: 'When the current token was issued' }) tokenIssuedAt!: string;

  static of(partner: Partner): PartnerView {
    return {
      id: partner.id,
      kind: partner.kind,
      name: partner.name,
      createdAt: partner.createdAt.toISOString(),
      tokenIssuedAt: partner.tokenIssuedAt.toISOString(),
    };
  }
}

export class IssuedTokenView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Shown once; the hub keeps only its hash' }) token!: string;
}
