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
  {
    // The caseload projection's version 2 rebuilds the rows; the defaults only bridge until then.
    id: 'read-models/011-caseload-signals-and-rungs',
    sql: `
      ALTER TABLE read_caseload
        ADD COLUMN ladder jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN open_rung smallint,
        ADD COLUMN audience_rungs jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN unanswered_referrals jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN recent_visits jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN unreached_periods tstzmultirange NOT NULL DEFAULT '{}',
        ADD COLUMN referral_unanswered_periods tstzmultirange NOT NULL DEFAULT '{}',
        ADD COLUMN past_each_other_periods tstzmultirange NOT NULL DEFAULT '{}',
        ADD COLUMN no_contact_periods tstzmultirange NOT NULL DEFAULT '{}',
        ADD COLUMN no_case_lead_periods tstzmultirange NOT NULL DEFAULT '{}';
      ALTER TABLE read_caseload
        ALTER COLUMN ladder DROP DEFAULT,
        ALTER COLUMN audience_rungs DROP DEFAULT,
        ALTER COLUMN unanswered_referrals DROP DEFAULT,
        ALTER COLUMN recent_visits DROP DEFAULT,
        ALTER COLUMN unreached_periods DROP DEFAULT,
        ALTER COLUMN referral_unanswered_periods DROP DEFAULT,
        ALTER COLUMN past_each_other_periods DROP DEFAULT,
        ALTER COLUMN no_contact_periods DROP DEFAULT,
        ALTER COLUMN no_case_lead_periods DROP DEFAULT;
      CREATE INDEX read_caseload_by_lead ON read_caseload (lead_partner);
      -- The dashboard sorts references as people read them: Dutch, numbers by value (GM-9 < GM-10).
      CREATE COLLATION IF NOT EXISTS caseload_reference (provider = icu, locale = 'nl-u-kn-true');`,
  },
  {
    // The caseload projection's version 3 rebuilds the rows; the default only bridges until then.
    id: 'read-models/014-caseload-unconfirmed-matches',
    sql: `
      ALTER TABLE read_caseload ADD COLUMN unconfirmed text[] NOT NULL DEFAULT '{}';
      ALTER TABLE read_caseload ALTER COLUMN unconfirmed DROP DEFAULT;`,
  },
];
