import type { Migration } from '@samenloop/platform';

export const retentionMigrations: Migration[] = [
  {
    id: 'audit/005-retention',
    sql: `
      -- When each client's case closed and whether it was erased, kept by the erasure consumer
      -- from the store's case-closed and client-erased events: what the retention job queries.
      CREATE TABLE audit_retention (
        client_id uuid PRIMARY KEY,
        closed_at timestamptz,
        erased_at timestamptz
      );
      CREATE INDEX audit_retention_due ON audit_retention (closed_at) WHERE erased_at IS NULL;`,
  },
];
