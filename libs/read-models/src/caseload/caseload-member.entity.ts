import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import type { CaseStatus } from './caseload-client.entity';
import { SignalPeriodColumns } from './signal-period-columns';

/**
 * A client in one involved partner's caseload: the caseload row's figures as that partner may
 * sort and filter them, narrow and indexed by partner, so that a page reads a page. Written by the
 * caseload projection from its rows; the signal flags and their window by `CaseloadSignalsJob`.
 * Its periods serve the rows whose flags do not hold at a request's time.
 */
@Entity({ name: 'read_caseload_members' })
// The sort and signal indexes (in the migration) are partial or on expressions, which TypeORM
// cannot declare.
@Index('read_caseload_members_by_signals', { synchronize: false })
@Index('read_caseload_members_by_last_contact', { synchronize: false })
@Index('read_caseload_members_by_rung', { synchronize: false })
@Index('read_caseload_members_by_referrals', { synchronize: false })
@Index('read_caseload_members_by_reference', { synchronize: false })
@Index('read_caseload_members_unnamed', { synchronize: false })
@Index('read_caseload_members_unreached', { synchronize: false })
@Index('read_caseload_members_referral_unanswered', { synchronize: false })
@Index('read_caseload_members_past_each_other', { synchronize: false })
@Index('read_caseload_members_no_contact', { synchronize: false })
@Index('read_caseload_members_no_case_lead', { synchronize: false })
@Index('read_caseload_members_by_status', ['partnerId', 'status', 'led'])
@Index('read_caseload_members_signals_from', ['signalsFrom'])
@Index('read_caseload_members_signals_until', ['signalsUntil'])
export class CaseloadMemberEntity extends SignalPeriodColumns {
  @PrimaryColumn({ name: 'partner_id', type: 'text' })
  partnerId!: string;

  @PrimaryColumn({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'text' })
  status!: CaseStatus;

  /** The partner leads the case. */
  @Column({ type: 'boolean' })
  led!: boolean;

  /** The partner's own reference as the projection saw it published; else it has a pseudonym. */
  @Column({ type: 'text', nullable: true })
  reference!: string | null;

  /** The latest rung this partner may count. */
  @Column({ name: 'current_rung', type: 'smallint', nullable: true })
  currentRung!: number | null;

  @Column({ name: 'last_contact_at', type: 'timestamptz', nullable: true })
  lastContactAt!: Date | null;

  @Column({ name: 'open_referrals', type: 'integer' })
  openReferrals!: number;

  /**
   * The flags below are right at every time strictly between `signalsFrom` and `signalsUntil`:
   * no period starts or ends in between. An empty window (from infinity to -infinity) until the
   * job has looked at the periods written.
   */
  @Column({ name: 'signals_from', type: 'timestamptz' })
  signalsFrom!: Date;

  @Column({ name: 'signals_until', type: 'timestamptz' })
  signalsUntil!: Date;

  @Column({ type: 'boolean' })
  unreached!: boolean;

  @Column({ name: 'referral_unanswered', type: 'boolean' })
  referralUnanswered!: boolean;

  @Column({ name: 'past_each_other', type: 'boolean' })
  pastEachOther!: boolean;

  @Column({ name: 'no_contact', type: 'boolean' })
  noContact!: boolean;

  @Column({ name: 'no_case_lead', type: 'boolean' })
  noCaseLead!: boolean;

  /** How many of the five flags are set. */
  @Column({ name: 'signal_count', type: 'smallint' })
  signalCount!: number;
}
