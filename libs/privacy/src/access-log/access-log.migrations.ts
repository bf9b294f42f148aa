import type { Migration } from '@samenloop/platform';
import { appendOnlyTriggers } from '@samenloop/platform';

export const accessLogMigrations: Migration[] = [
  {
    id: 'audit/003-access-log',
    sql: `
      -- NEN 7513: who accessed which client's data, when, from where and under which authorisation.
      -- Kept 5 years; append-only, and hash-chained in seq order so that a changed, removed or
      -- inserted entry shows.
      CREATE TABLE access_log (
        seq bigint PRIMARY KEY CHECK (seq > 0),
        entry_id uuid NOT NULL UNIQUE,
        occurred_at timestamptz NOT NULL,
        action text NOT NULL,
        client_id uuid,
        user_id text NOT NULL,
        on_behalf_of text,
        partner_id text,
        access_point text NOT NULL,
        origin text,
        -- json, not jsonb: it keeps the exact text the hash was computed over.
        authorisation json NOT NULL,
        emergency boolean NOT NULL,
        detail json,
        hash text NOT NULL,
        previous_hash text
      );
      CREATE INDEX access_log_by_client ON access_log (client_id, occurred_at, seq);
      CREATE INDEX access_log_by_time ON access_log (occurred_at, seq);
      CREATE INDEX access_log_by_user ON access_log (user_id, occurred_at, seq);
      CREATE INDEX access_log_by_partner ON access_log (partner_id, occurred_at, seq);
      ${appendOnlyTriggers('access_log')}

      -- The chain's head in a single row: every append locks it, so concurrent writers (several
      -- hub processes included) queue instead of forking the chain.
      CREATE TABLE access_log_head (
        id boolean PRIMARY KEY DEFAULT true CHECK (id),
        seq bigint NOT NULL,
        last_hash text
      );
      INSERT INTO access_log_head (id, seq, last_hash) VALUES (true, 0, NULL);

      CREATE FUNCTION samenloop_access_log_head_moves_on() RETURNS trigger LANGUAGE plpgsql AS $fn$
      BEGIN
        IF TG_OP <> 'UPDATE' OR NEW.seq < OLD.seq THEN
          RAISE EXCEPTION 'the access log head only moves forward' USING ERRCODE = 'SLAPP';
        END IF;
        RETURN NEW;
      END
      $fn$;
      CREATE TRIGGER access_log_head_moves_on BEFORE UPDATE OR DELETE ON access_log_head
        FOR EACH ROW EXECUTE FUNCTION samenloop_access_log_head_moves_on();`,
  },
];
