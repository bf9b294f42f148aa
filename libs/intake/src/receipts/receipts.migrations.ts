import type { Migration } from '@samenloop/platform';

export const receiptsMigrations: Migration[] = [
  {
    id: 'intake/001-receipts',
    sql: `
      -- One row per (source, id) a partner ever had accepted: what makes a resend succeed once and
      -- a reuse of the id for other content fail. The row is written first, as a claim, so that
      -- no second content can be stored under the id while the first is being decided; client_id,
      -- position and received_at are filled in once the event is stored.
      CREATE TABLE intake_receipts (
        source text NOT NULL,
        event_id text NOT NULL,
        type text NOT NULL,
        sender_reference text NOT NULL,
        content_hash text NOT NULL,
        client_id uuid,
        position bigint,
        received_at timestamptz,
        PRIMARY KEY (source, event_id),
        CHECK ((client_id IS NULL) = (position IS NULL) AND (position IS NULL) = (received_at IS NULL))
      );
      -- Erasing a client must find the references its receipts hold.
      CREATE INDEX intake_receipts_by_client ON intake_receipts (client_id);`,
  },
];
