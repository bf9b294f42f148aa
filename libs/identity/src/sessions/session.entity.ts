import type { Role } from '@samenloop/contracts';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A signed-in professional. Only the token's hash is stored; the session carries who signed in so
 * that an OpenID Connect user needs no local account.
 */
@Entity({ name: 'dashboard_sessions' })
@Index('dashboard_sessions_by_expiry', ['expiresAt'])
export class SessionEntity {
  @PrimaryColumn({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ type: 'text' })
  username!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'partner_id', type: 'text', nullable: true })
  partnerId!: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
