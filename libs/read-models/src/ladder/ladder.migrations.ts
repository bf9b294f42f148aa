import type { Migration } from '@samenloop/platform';

export const ladderMigrations: Migration[] = [
  {
    id: 'read-models/006-ladder-steps',
    sql: `
      CREATE TABLE read_ladder_steps (
        position bigint PRIMARY KEY,
        client_id uuid NOT NULL,
        rung smallint NOT NULL,
        at timestamptz NOT NULL,
        partner_id text NOT NULL,
        audience text[]
      );
      CREATE INDEX read_ladder_steps_by_client ON read_ladder_steps (client_id, at, position);`,
  },
];
