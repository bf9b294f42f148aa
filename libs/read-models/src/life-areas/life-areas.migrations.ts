import type { Migration } from '@samenloop/platform';

export const lifeAreasMigrations: Migration[] = [
  {
    id: 'read-models/007-life-area-assessments',
    sql: `
      CREATE TABLE read_life_area_assessments (
        position bigint PRIMARY KEY,
        client_id uuid NOT NULL,
        instrument text NOT NULL,
        at timestamptz NOT NULL,
        partner_id text NOT NULL,
        scores jsonb NOT NULL,
        complete boolean NOT NULL,
        audience text[]
      );
      CREATE INDEX read_life_area_assessments_by_client
        ON read_life_area_assessments (client_id, at, position);`,
  },
];
