import type { Migration } from '@samenloop/platform';

export const clientReferencesMigrations: Migration[] = [
  {
    id: 'sharing/002-client-references',
    sql: `
      CREATE TABLE client_references (
        partner_id text NOT NULL,
        reference text NOT NULL,
        client_id uuid NOT NULL,
        origin text NOT NULL CHECK (origin IN ('own', 'pseudonym')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (partner_id, reference)
      );
      CREATE INDEX client_references_by_client ON client_references (client_id, partner_id);
      CREATE TABLE client_bsn_hashes (
        bsn_hash text PRIMARY KEY,
        client_id uuid NOT NULL UNIQUE
      );`,
  },
];
