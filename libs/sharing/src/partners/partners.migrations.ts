import type { Migration } from '@samenloop/platform';

export const partnersMigrations: Migration[] = [
  {
    id: 'sharing/001-partners',
    sql: `
      CREATE TABLE partners (
        id text PRIMARY KEY,
        kind text NOT NULL,
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        token_issued_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE TABLE admin_tokens (
        token_hash text PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];
