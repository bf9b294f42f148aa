import type { Migration } from '@samenloop/platform';

export const caseloadMigrations: Migration[] = [
  {
    id: 'read-models/003-caseload',
    sql: `
      CREATE TABLE read_caseload (
        client_id uuid PRIMARY KEY,
        municipality text NOT NULL,
        enrolling_partner text NOT NULL,
        enrolled_at timestamptz NOT NULL,
        status text NOT NULL,
        lead_partner text,
        lead_actor text,
        involved text[] NOT NULL,
        own_references jsonb NOT NULL,
        person_sealed text,
        open_referrals integer NOT NULL,
        last_contact_at timestamptz,
        attempts_since_contact timestamptz[] NOT NULL,
        position bigint NOT NULL
      );
      CREATE INDEX read_caseload_involved ON read_caseload USING gin (involved);
      CREATE INDEX read_caseload_by_municipality ON read_caseload (municipality, enrolled_at);`,
  },
];
