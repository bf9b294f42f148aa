import type { ReferralService } from '@samenloop/domain';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { POSITION } from '../database/column-transformers';
import { SignalPeriodColumns } from './signal-period-columns';

export type CaseStatus = 'open' | 'closed' | 'erased';

/** A referral still waiting for an answer, as the caseload keeps it for the signals. */
export interface UnansweredReferral {
  service: ReferralService;
  madeAt: string;
}

/** A measurement on the participation ladder and who may count it (see `factAudience`). */
export interface LadderFact {
  rung: number;
  at: string;
  position: number;
  audience: string[] | null;
}

/** A visit as the signals judge it, `at` as ISO time. */
export interface RecentVisit {
  partnerId: string;
  at: string;
  leadPartner: string | null;
  withPartners: string[];
}

/** A client as its caseload row: who is involved and leads, and the contact facts signals need. */
@Entity({ name: 'read_caseload' })
// A GIN index (in the migration) serves `partner = ANY(involved)`; TypeORM cannot declare one.
@Index('read_caseload_involved', { synchronize: false })
@Index('read_caseload_by_municipality', ['municipality', 'enrolledAt'])
@Index('read_caseload_by_lead', ['leadPartner'])
export class CaseloadClientEntity extends SignalPeriodColumns {
  @PrimaryColumn({ name: 'client_id', type: 'uuid' })
  clientId!: string;

  @Column({ type: 'text' })
  municipality!: string;

  @Column({ name: 'enrolling_partner', type: 'text' })
  enrollingPartner!: string;

  @Column({ name: 'enrolled_at', type: 'timestamptz' })
  enrolledAt!: Date;

  @Column({ type: 'text' })
  status!: CaseStatus;

  @Column({ name: 'lead_partner', type: 'text', nullable: true })
  leadPartner!: string | null;

  @Column({ name: 'lead_actor', type: 'text', nullable: true })
  leadActor!: string | null;

  @Column({ type: 'text', array: true })
  involved!: string[];

  /**
   * Involved partners whose BSN signal matched the client and whose match the enrolling
   * municipality has not confirmed (`ClientCaseState.unconfirmed`): under an agreement with
   * `identityOnMatch: after-confirmation` they are not shown who the client is.
   */
  @Column({ type: 'text', array: true })
  unconfirmed!: string[];

  /** partner id -> the partner's own reference (enrolment subject, linked or signalled one). */
  @Column({ name: 'own_references', type: 'jsonb' })
  ownReferences!: Record<string, string>;

  /**
   * The person as the intake sealed it with the client's own key: ciphertext only, dropped on
   * erasure, opened per request for viewers whose agreement names `identity`.
   */
  @Column({ name: 'person_sealed', type: 'text', nullable: true })
  personSealed!: string | null;

  @Column({ name: 'open_referrals', type: 'integer' })
  openReferrals!: number;

  @Column({ name: 'last_contact_at', type: 'timestamptz', nullable: true })
  lastContactAt!: Date | null;

  /** When each attempt since the last contact was made, oldest first. */
  @Column({ name: 'attempts_since_contact', type: 'timestamptz', array: true })
  attemptsSinceContact!: Date[];

  /** The ladder measurements, oldest first: what the rungs below are worked out from. */
  @Column({ name: 'ladder', type: 'jsonb' })
  ladder!: LadderFact[];

  /** The latest rung measured in the open: every partner may count it. */
  @Column({ name: 'open_rung', type: 'smallint', nullable: true })
  openRung!: number | null;

  /** partner id -> the latest rung it may count, for each partner a secret measurement names. */
  @Column({ name: 'audience_rungs', type: 'jsonb' })
  audienceRungs!: Record<string, number>;

  /** referral id -> the referral, while it waits for an answer. */
  @Column({ name: 'unanswered_referrals', type: 'jsonb' })
  unansweredReferrals!: Record<string, UnansweredReferral>;

  /**
   * The visits within {@link VISITS_KEPT_DAYS} of the latest one, oldest first: the only ones
   * that can still make two partners' visits a signal once the latest has happened.
   */
  @Column({ name: 'recent_visits', type: 'jsonb' })
  recentVisits!: RecentVisit[];

  /** The last event applied: an event at or before it is not applied again. */
  @Column({ type: 'bigint', transformer: POSITION })
  position!: number;
}
