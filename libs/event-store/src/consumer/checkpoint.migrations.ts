import type { Migration } from '@samenloop/platform';

export const checkpointMigrations: Migration[] = [
  {
    id: 'event-store/003-consumer-checkpoints',
    sql: `
      CREATE TABLE consumer_checkpoints (
        name text PRIMARY KEY,
        position bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];
