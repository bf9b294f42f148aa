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
  {
    // The timeline projection's version 2 rebuilds the rows with it; until then it is null.
    id: 'read-models/015-timeline-secrecy',
    sql: `ALTER TABLE read_timeline ADD COLUMN secrecy jsonb;`,
  },
];
