import type { ReferralService, ReferralStatus } from '@samenloop/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { POSITION } from '../database/column-transformers';

/** A referral and where its loop stands (sent, answered, closed). The reason is not kept. */
@Entity({ name: 'read_referrals' })
@Index('read_referrals_open', ['clientId', 'madeAt'], { where: "status = 'made'" })
export class ReferralEntity {
  @PrimaryColumn({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @PrimaryColumn({ name: 'referral_id', type: 'text' })
  referralId!: string;

  @Column({ type: 'text' })
  service!: ReferralService;

  @Column({ name: 'from_partner', type: 'text' })
  fromPartner!: string;

  @Column({ name: 'to_partner', type: 'text', nullable: true })
  toPartner!: string | null;

  @Column({ type: 'text' })
  status!: ReferralStatus;

  @Column({ name: 'made_at', type: 'timestamptz' })
  madeAt!: Date;

  /** The `referral-made` event: whether a viewer may see the referral is decided on it. */
  @Column({ name: 'made_position', type: 'bigint', transformer: POSITION })
  madePosition!: number;

  @Column({ type: 'bigint', transformer: POSITION })
  position!: number;
}
