import type { Migration } from '@samenloop/platform';

export const projectionMigrations: Migration[] = [
  {
    id: 'read-models/001-projection-versions',
    sql: `
      -- The version each projection's tables were built by; a newer version in the code rebuilds them.
      CREATE TABLE read_projection_versions (
        name text PRIMARY KEY,
        version integer NOT NULL,
        reset_at timestamptz NOT NULL DEFAULT now()
      );`,
  },
];
