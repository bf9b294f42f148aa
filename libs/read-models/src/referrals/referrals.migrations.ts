import type { Migration } from '@samenloop/platform';

export const referralsMigrations: Migration[] = [
  {
    id: 'read-models/004-referrals',
    sql: `
      CREATE TABLE read_referrals (
        client_id uuid NOT NULL,
        referral_id text NOT NULL,
        service text NOT NULL,
        from_partner text NOT NULL,
        to_partner text,
        status text NOT NULL,
        made_at timestamptz NOT NULL,
        made_position bigint NOT NULL,
        position bigint NOT NULL,
        PRIMARY KEY (client_id, referral_id)
      );
      CREATE INDEX read_referrals_open ON read_referrals (client_id, made_at) WHERE status = 'made';`,
  },
];
