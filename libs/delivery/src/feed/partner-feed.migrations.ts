import type { Migration } from '@samenloop/platform';

export const partnerFeedMigrations: Migration[] = [
  {
    id: 'delivery/001-partner-feed',
    sql: `
      -- What each partner is entitled to, one row per partner and stored event, written only by
      -- the delivery-feed consumer: it is the single writer, so seq order is log order.
      CREATE TABLE partner_feed (
        seq bigserial PRIMARY KEY,
        partner_id text NOT NULL,
        -- The event's global position: the cursor the partner resumes after.
        position bigint NOT NULL,
        client_id uuid NOT NULL,
        -- The revision of the event in its client stream, to find the sealed person at read time.
        stream_revision bigint NOT NULL,
        type text NOT NULL,
        subject text NOT NULL,
        agreement_version text NOT NULL,
        legal_basis text NOT NULL,
        purpose text NOT NULL,
        -- The outbound CloudEvent without personal data in clear.
        event json NOT NULL,
        -- The person fields the partner may have (NULL: none), filled in at read time from the
        -- sealed person, so that destroying the client's key erases them here too.
        identity_fields text[],
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (partner_id, position)
      );
      CREATE INDEX partner_feed_by_partner ON partner_feed (partner_id, seq);
    `,
  },
  {
    id: 'delivery/003-partner-feed-correlation-id',
    sql: `
      -- The stored event's correlation id (the intake request's id), so that delivery log lines
      -- tie back to the request that brought the event in. NULL for rows written before.
      ALTER TABLE partner_feed ADD COLUMN correlation_id text;
    `,
  },
  {
    id: 'delivery/004-partner-credentials-notify',
    sql: `
      -- Open event streams are bound to the token that opened them: every hub process LISTENs
      -- here and ends a partner's streams whose token was rotated or revoked. A trigger, so that
      -- whatever changes a token (admin API, command line, SQL) is heard. Payload: the partner id.
      CREATE FUNCTION samenloop_partner_credentials_changed() RETURNS trigger AS $$
      BEGIN
        PERFORM pg_notify('samenloop_partners', NEW.id);
        RETURN NULL;
      END
      $$ LANGUAGE plpgsql;
      CREATE TRIGGER partner_credentials_changed
        AFTER UPDATE OF token_hash, revoked_at ON partners
        FOR EACH ROW EXECUTE FUNCTION samenloop_partner_credentials_changed();
    `,
  },
  {
    id: 'delivery/005-partner-feed-sealed-person',
    sql: `
      -- The person of an enrolment row as the store holds it, sealed with the client's key, so that
      -- a reader opens it with the page's other keys instead of reading the client's stream per
      -- row; destroying the key still erases it. NULL for rows without a person, and for rows
      -- written before, which are read from the store as they were.
      ALTER TABLE partner_feed ADD COLUMN sealed_person text;
    `,
  },
];
