import type { Migration } from '@samenloop/platform';

export const identityMigrations: Migration[] = [
  {
    id: 'read-models/009-dashboard-auth',
    sql: `
      CREATE TABLE dashboard_accounts (
        username text PRIMARY KEY,
        display_name text NOT NULL,
        role text NOT NULL,
        partner_id text,
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL,
        CONSTRAINT dashboard_accounts_role CHECK (role IN ('case-lead', 'auditor', 'admin')),
        CONSTRAINT dashboard_accounts_partner CHECK ((role = 'case-lead') = (partner_id IS NOT NULL))
      );
      CREATE TABLE dashboard_sessions (
        token_hash text PRIMARY KEY,
        username text NOT NULL,
        display_name text NOT NULL,
        role text NOT NULL,
        partner_id text,
        created_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX dashboard_sessions_by_expiry ON dashboard_sessions (expires_at);
      CREATE TABLE dashboard_sign_in_failures (
        id bigserial PRIMARY KEY,
        username text NOT NULL,
        source text NOT NULL,
        failed_at timestamptz NOT NULL
      );
      CREATE INDEX dashboard_sign_in_failures_by_username
        ON dashboard_sign_in_failures (username, failed_at);
      CREATE INDEX dashboard_sign_in_failures_by_source
        ON dashboard_sign_in_failures (source, failed_at);
      CREATE TABLE dashboard_oidc_logins (
        state text PRIMARY KEY,
        nonce text NOT NULL,
        code_verifier text NOT NULL,
        redirect_uri text NOT NULL,
        return_to text NOT NULL,
        expires_at timestamptz NOT NULL
      );`,
  },
  {
    // Attempts are counted before the password is checked, in one row per account and per
    // address that an attempt locks; OIDC sign-ins are bound to the browser that started them.
    id: 'read-models/013-sign-in-delays-and-oidc-binding',
    sql: `
      DROP TABLE dashboard_sign_in_failures;
      CREATE TABLE dashboard_sign_in_attempts (
        kind text NOT NULL,
        subject text NOT NULL,
        failures integer NOT NULL,
        last_attempt_at timestamptz NOT NULL,
        PRIMARY KEY (kind, subject),
        CONSTRAINT dashboard_sign_in_attempts_kind CHECK (kind IN ('account', 'address'))
      );
      CREATE INDEX dashboard_sign_in_attempts_by_time
        ON dashboard_sign_in_attempts (last_attempt_at);
      DELETE FROM dashboard_oidc_logins;
      ALTER TABLE dashboard_oidc_logins ADD COLUMN browser_binding_hash text NOT NULL;`,
  },
];
