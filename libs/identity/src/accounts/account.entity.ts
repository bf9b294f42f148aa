import type { Role } from '@samenloop/contracts';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** A local dashboard account (embedded and demo mode); production signs in with OpenID Connect. */
@Entity({ name: 'dashboard_accounts' })
@Check('dashboard_accounts_role', `role IN ('case-lead', 'auditor', 'admin')`)
@Check('dashboard_accounts_partner', `(role = 'case-lead') = (partner_id IS NOT NULL)`)
export class AccountEntity {
  @PrimaryColumn({ type: 'text' })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  role!: Role;

  /** The partner a case lead works for; null for auditors and admins. */
  @Column({ name: 'partner_id', type: 'text', nullable: true })
  partnerId!: string | null;

  /** scrypt, with its parameters and salt: see password-hasher.ts. */
  @Column({ name: 'password_hash', type: 'text' })
  passwordHash!: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
