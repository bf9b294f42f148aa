import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * Failed password sign-ins of one account, or from one address, that still count: each attempt
 * is counted here before its password is checked, and taken back when it succeeds.
 */
@Entity({ name: 'dashboard_sign_in_attempts' })
@Check('dashboard_sign_in_attempts_kind', `kind IN ('account', 'address')`)
@Index('dashboard_sign_in_attempts_by_time', ['lastAttemptAt'])
export class SignInAttemptsEntity {
  @PrimaryColumn({ type: 'text' })
  kind!: 'account' | 'address';

  /** The username in lower case, or the caller's address. */
  @PrimaryColumn({ type: 'text' })
  subject!: string;

  @Column({ type: 'integer' })
  failures!: number;

  @Column({ name: 'last_attempt_at', type: 'timestamptz' })
  lastAttemptAt!: Date;
}
