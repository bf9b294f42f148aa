import type { Migration } from '@samenloop/platform';

export const webhookMigrations: Migration[] = [
  {
    id: 'delivery/002-webhook-subscriptions',
    sql: `
      CREATE TABLE webhook_subscriptions (
        id uuid PRIMARY KEY,
        partner_id text NOT NULL,
        url text NOT NULL,
        -- NULL: every type (or category); an event goes out when its type or category is listed.
        types text[],
        categories text[],
        sealed_secret text NOT NULL,
        -- failing: the head event kept failing past the retry window; a replay resumes.
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'failing')),
        -- The partner's feed is delivered in feed order up to and including this seq.
        after_seq bigint NOT NULL,
        last_delivered_cursor bigint,
        delivered_count bigint NOT NULL DEFAULT 0,
        -- Failed attempts of the event at the head, since first_failure_at.
        attempts integer NOT NULL DEFAULT 0,
        first_failure_at timestamptz,
        next_attempt_at timestamptz,
        last_attempt_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX webhook_subscriptions_by_partner ON webhook_subscriptions (partner_id, created_at);
    `,
  },
  {
    id: 'delivery/005-revoked-partner-webhooks',
    sql: `
      -- A revoked partner's subscriptions go with it, in the revoking transaction: nothing more is
      -- pushed to its endpoints, and its id is never reused. Those of partners revoked before go now.
      CREATE FUNCTION samenloop_partner_revoked() RETURNS trigger AS $$
      BEGIN
        DELETE FROM webhook_subscriptions WHERE partner_id = NEW.id;
        PERFORM pg_notify('samenloop_webhooks', '');
        RETURN NULL;
      END
      $$ LANGUAGE plpgsql;
      CREATE TRIGGER partner_revoked
        AFTER UPDATE OF revoked_at ON partners
        FOR EACH ROW WHEN (NEW.revoked_at IS NOT NULL AND OLD.revoked_at IS NULL)
        EXECUTE FUNCTION samenloop_partner_revoked();
      DELETE FROM webhook_subscriptions
        WHERE partner_id IN (SELECT id FROM partners WHERE revoked_at IS NOT NULL);
    `,
  },
  {
    id: 'delivery/006-generic-webhook-errors',
    sql: `
      -- lastError used to name the errno or the exact status, which let a partner probe the
      -- hub's network; what is stored from before says only what is said now.
      UPDATE webhook_subscriptions SET last_error = CASE
          WHEN last_error ~ '^the endpoint answered HTTP [1-5][0-9][0-9]$'
            THEN regexp_replace(last_error, '^the endpoint answered HTTP ([1-5])[0-9][0-9]$', 'the endpoint answered \\1xx')
          WHEN last_error LIKE 'no answer within %' THEN last_error
          ELSE 'endpoint unreachable'
        END
        WHERE last_error IS NOT NULL;
    `,
  },
];
