import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A sign-in started at the issuer: what the callback must match, used once. */
@Entity({ name: 'dashboard_oidc_logins' })
export class OidcLoginEntity {
  @PrimaryColumn({ type: 'text' })
  state!: string;

  @Column({ type: 'text' })
  nonce!: string;

  @Column({ name: 'code_verifier', type: 'text' })
  codeVerifier!: string;

  @Column({ name: 'redirect_uri', type: 'text' })
  redirectUri!: string;

  /** The hash of the browser's binding cookie (oidc-browser-binding.ts). */
  @Column({ name: 'browser_binding_hash', type: 'text' })
  browserBindingHash!: string;

  /** Where the dashboard goes after signing in: a dashboard path on the hub's origin. */
  @Column({ name: 'return_to', type: 'text' })
  returnTo!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;
}
