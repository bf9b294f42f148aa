import type { Migration } from '@samenloop/platform';

export const erasureRequestMigrations: Migration[] = [
  {
    id: 'audit/006-erasure-requests',
    sql: `
      -- Erasures asked for by one auditor and carried out only when another approves (four eyes).
      CREATE TABLE erasure_requests (
        id uuid PRIMARY KEY,
        client_id uuid NOT NULL,
        reason text NOT NULL,
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL,
        approved_by text CHECK (approved_by <> requested_by),
        approved_at timestamptz,
        erased_position bigint
      );
      -- One open request per client: a second auditor approves it instead of asking again.
      CREATE UNIQUE INDEX erasure_requests_open ON erasure_requests (client_id)
        WHERE approved_by IS NULL;`,
  },
];
