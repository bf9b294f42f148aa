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
  {
    // The caseload projection's version 4 fills it; CaseloadSignalsJob keeps the flags.
    id: 'read-models/016-caseload-members',
    sql: `
      CREATE TABLE read_caseload_members (
        partner_id text NOT NULL,
        client_id uuid NOT NULL,
        status text NOT NULL,
        led boolean NOT NULL,
        reference text,
        current_rung smallint,
        last_contact_at timestamptz,
        open_referrals integer NOT NULL,
        unreached_periods tstzmultirange NOT NULL,
        referral_unanswered_periods tstzmultirange NOT NULL,
        past_each_other_periods tstzmultirange NOT NULL,
        no_contact_periods tstzmultirange NOT NULL,
        no_case_lead_periods tstzmultirange NOT NULL,
        signals_from timestamptz NOT NULL,
        signals_until timestamptz NOT NULL,
        unreached boolean NOT NULL,
        referral_unanswered boolean NOT NULL,
        past_each_other boolean NOT NULL,
        no_contact boolean NOT NULL,
        no_case_lead boolean NOT NULL,
        signal_count smallint NOT NULL,
        PRIMARY KEY (partner_id, client_id)
      );
      -- The default order of each sort, ties by client id: a page is read off the index.
      CREATE INDEX read_caseload_members_by_signals
        ON read_caseload_members (partner_id, signal_count DESC, client_id)
        INCLUDE (signals_from, signals_until);
      CREATE INDEX read_caseload_members_by_last_contact
        ON read_caseload_members (partner_id, last_contact_at DESC NULLS LAST, client_id);
      CREATE INDEX read_caseload_members_by_rung
        ON read_caseload_members (partner_id, current_rung DESC NULLS LAST, client_id);
      CREATE INDEX read_caseload_members_by_referrals
        ON read_caseload_members (partner_id, open_referrals DESC, client_id);
      CREATE INDEX read_caseload_members_by_status ON read_caseload_members (partner_id, status, led);
      CREATE INDEX read_caseload_members_by_reference
        ON read_caseload_members (partner_id, (reference COLLATE caseload_reference), client_id)
        WHERE reference IS NOT NULL;
      CREATE INDEX read_caseload_members_unnamed
        ON read_caseload_members (partner_id) WHERE reference IS NULL;
      -- The clients a signal held for when the job judged them, per signal.
      CREATE INDEX read_caseload_members_unreached
        ON read_caseload_members (partner_id, signals_from, signals_until) WHERE unreached;
      CREATE INDEX read_caseload_members_referral_unanswered
        ON read_caseload_members (partner_id, signals_from, signals_until) WHERE referral_unanswered;
      CREATE INDEX read_caseload_members_past_each_other
        ON read_caseload_members (partner_id, signals_from, signals_until) WHERE past_each_other;
      CREATE INDEX read_caseload_members_no_contact
        ON read_caseload_members (partner_id, signals_from, signals_until) WHERE no_contact;
      CREATE INDEX read_caseload_members_no_case_lead
        ON read_caseload_members (partner_id, signals_from, signals_until) WHERE no_case_lead;
      -- The rows whose flags do not hold at a time: few, the job's and each request's correction.
      CREATE INDEX read_caseload_members_signals_from ON read_caseload_members (signals_from);
      CREATE INDEX read_caseload_members_signals_until ON read_caseload_members (signals_until);
      -- The flags of a row at a time, and the window around it in which no period starts or ends:
      -- the flags are taken strictly inside it. An empty window where there is no inside.
      CREATE FUNCTION caseload_signals_at(m read_caseload_members, at timestamptz)
      RETURNS TABLE (
        signals_from timestamptz, signals_until timestamptz, unreached boolean,
        referral_unanswered boolean, past_each_other boolean, no_contact boolean,
        no_case_lead boolean, signal_count smallint)
      LANGUAGE sql STABLE AS $$
        WITH bounds AS (
          SELECT bound
          FROM unnest(ARRAY[m.unreached_periods, m.referral_unanswered_periods,
                            m.past_each_other_periods, m.no_contact_periods,
                            m.no_case_lead_periods]) AS rule (periods)
          CROSS JOIN LATERAL unnest(rule.periods) AS r (period)
          CROSS JOIN LATERAL (VALUES (lower(r.period)), (upper(r.period))) AS v (bound)
        ), around AS (
          SELECT coalesce((SELECT max(bound) FROM bounds WHERE bound <= at), '-infinity') AS lo,
                 coalesce((SELECT min(bound) FROM bounds WHERE bound > at), 'infinity') AS hi
        ), inside AS (
          SELECT lo, hi, CASE WHEN lo < at THEN at
                              WHEN hi = 'infinity' THEN lo + interval '1 day'
                              ELSE lo + (hi - lo) / 2 END AS point
          FROM around
        ), flags AS (
          SELECT lo < point AND point < hi AS held, lo, hi,
                 m.unreached_periods @> point AS unreached,
                 m.referral_unanswered_periods @> point AS referral_unanswered,
                 m.past_each_other_periods @> point AS past_each_other,
                 m.no_contact_periods @> point AS no_contact,
                 m.no_case_lead_periods @> point AS no_case_lead
          FROM inside
        )
        SELECT CASE WHEN held THEN lo ELSE 'infinity' END,
               CASE WHEN held THEN hi ELSE '-infinity' END,
               unreached, referral_unanswered, past_each_other, no_contact, no_case_lead,
               (unreached::int + referral_unanswered::int + past_each_other::int + no_contact::int
                 + no_case_lead::int)::smallint
        FROM flags
      $$;`,
  },
];
