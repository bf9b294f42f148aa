import { Injectable } from '@nestjs/common';
import { AppConfig } from '@samenloop/platform';
import { Pool } from 'pg';

export type SignalAdmission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/**
 * How many BSNs one partner may test a minute (`BSN_SIGNALS_PER_MINUTE`): signal and match is
 * meant for the clients a partner really has, not for trying BSNs until one is enrolled. Counted in
 * the database, one row per partner and minute, so that every hub process shares the count and
 * concurrent signals cannot slip past it.
 */
@Injectable()
export class BsnSignalThrottle {
  constructor(
    private readonly pool: Pool,
    private readonly config: AppConfig,
  ) {}

  async admit(partnerId: string): Promise<SignalAdmission> {
    const { rows } = await this.pool.query<{ signals: number; seconds_left: string }>(
      `INSERT INTO bsn_signal_windows AS w (partner_id, window_start, signals)
       VALUES ($1, date_trunc('minute', now()), 1)
       ON CONFLICT (partner_id) DO UPDATE SET
         signals = CASE WHEN w.window_start = EXCLUDED.window_start THEN w.signals + 1 ELSE 1 END,
         window_start = EXCLUDED.window_start
       RETURNING signals,
         extract(epoch FROM window_start + interval '1 minute' - now()) AS seconds_left`,
      [partnerId],
    );
    const [row] = rows;
    if (!row || row.signals <= this.config.BSN_SIGNALS_PER_MINUTE) return { admitted: true };
    return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(Number(row.seconds_left))) };
  }
}
