import type { Migration } from '@samenloop/platform';

export const goalsMigrations: Migration[] = [
  {
    id: 'read-models/005-goals',
    sql: `
      CREATE TABLE read_goals (
        client_id uuid NOT NULL,
        goal_id text NOT NULL,
        life_area text NOT NULL,
        description text,
        set_by text NOT NULL,
        set_at timestamptz NOT NULL,
        set_position bigint NOT NULL,
        status text NOT NULL,
        closed_at timestamptz,
        audience text[],
        position bigint NOT NULL,
        PRIMARY KEY (client_id, goal_id)
      );`,
  },
  {
    // Goals set since the intake seals free text keep it sealed here too, opened when read.
    id: 'read-models/010-goal-description-sealed',
    sql: 'ALTER TABLE read_goals ADD COLUMN description_sealed boolean NOT NULL DEFAULT false;',
  },
  {
    // Goals projection version 2 fills it on its rebuild.
    id: 'read-models/012-goal-closed-audience',
    sql: 'ALTER TABLE read_goals ADD COLUMN closed_audience text[];',
  },
];
