import type { Migration } from '@samenloop/platform';

export const bsnSignalsMigrations: Migration[] = [
  {
    id: 'sharing/003-bsn-signal-windows',
    sql: `
      CREATE TABLE bsn_signal_windows (
        partner_id text PRIMARY KEY,
        window_start timestamptz NOT NULL,
        signals integer NOT NULL
      );`,
  },
];
