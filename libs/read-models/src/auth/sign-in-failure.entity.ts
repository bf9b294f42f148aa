import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A failed password sign-in, counted per account and per address to slow down guessing. */
@Entity({ name: 'dashboard_sign_in_failures' })
@Index('dashboard_sign_in_failures_by_username', ['username', 'failedAt'])
@Index('dashboard_sign_in_failures_by_source', ['source', 'failedAt'])
export class SignInFailureEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ type: 'text' })
  username!: string;

  /** The caller's address. */
  @Column({ type: 'text' })
  source!: string;

  @Column({ name: 'failed_at', type: 'timestamptz' })
  failedAt!: Date;
}
