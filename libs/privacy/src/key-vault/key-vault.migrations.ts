import type { Migration } from '@samenloop/platform';

export const keyVaultMigrations: Migration[] = [
  {
    id: 'audit/001-client-keys',
    sql: `
      CREATE TABLE client_keys (
        client_id uuid PRIMARY KEY,
        wrapped_key text,
        created_at timestamptz NOT NULL DEFAULT now(),
        destroyed_at timestamptz,
        CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
      );`,
  },
];
