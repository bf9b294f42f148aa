import type { Migration } from '@samenloop/platform';

export const timelineMigrations: Migration[] = [
  {
    id: 'read-models/002-timeline',
    sql: `
      CREATE TABLE read_timeline (
        position bigint PRIMARY KEY,
        client_id uuid NOT NULL,
        type text NOT NULL,
        category text NOT NULL,
        partner_id text NOT NULL,
        actor text,
        occurred_at timestamptz NOT NULL,
        details jsonb NOT NULL
      );
      CREATE INDEX read_timeline_by_client ON read_timeline (client_id, occurred_at, position);`,
  },
];
