import type { Migration } from '@samenloop/platform';
import { appendOnlyTriggers } from '@samenloop/platform';

export const sealMigrations: Migration[] = [
  {
    id: 'audit/004-seals',
    sql: `
      -- The public halves of the keys that signed seals, by key id (a hash of the key itself).
      CREATE TABLE seal_keys (
        key_id text PRIMARY KEY,
        public_key text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      ${appendOnlyTriggers('seal_keys')}

      -- Signed Merkle tree heads over the global log; see libs/audit/src/integrity/seal.ts.
      CREATE TABLE seals (
        id bigint PRIMARY KEY CHECK (id > 0),
        from_position bigint,
        to_position bigint NOT NULL,
        event_count bigint NOT NULL CHECK (event_count > 0),
        tree_size bigint NOT NULL,
        merkle_root text NOT NULL,
        -- Not signed: it only lets the next seal continue the tree without rereading the log, and
        -- a wrong one shows as that seal's wrong root.
        frontier json NOT NULL,
        -- Unique: two sealers can never both extend the same seal (no fork).
        previous_seal_id bigint UNIQUE REFERENCES seals (id),
        previous_root text,
        access_log_seq bigint NOT NULL,
        access_log_hash text,
        key_id text NOT NULL REFERENCES seal_keys (key_id),
        signature text NOT NULL,
        created_at timestamptz NOT NULL,
        CHECK ((id = 1) = (previous_seal_id IS NULL))
      );
      ${appendOnlyTriggers('seals')}`,
  },
];
