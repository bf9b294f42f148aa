import type { Migration } from '@samenloop/platform';

export const contactsMigrations: Migration[] = [
  {
    id: 'read-models/008-contacts',
    sql: `
      CREATE TABLE read_contacts (
        position bigint PRIMARY KEY,
        client_id uuid NOT NULL,
        partner_id text NOT NULL,
        kind text NOT NULL,
        channel text,
        outcome text,
        location text,
        at timestamptz NOT NULL,
        lead_partner text,
        with_partners text[] NOT NULL
      );
      CREATE INDEX read_contacts_by_client ON read_contacts (client_id, at, position);`,
  },
];
