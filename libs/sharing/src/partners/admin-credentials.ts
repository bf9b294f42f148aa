import { Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@samenloop/platform';
import { Pool } from 'pg';
import { generateBearerToken, hashBearerToken } from './bearer-token';

/**
 * The bootstrap administrator: SAMENLOOP_ADMIN_TOKEN when set, else a token the hub generates on
 * its first start, stores as a hash, and hands to the caller once to print.
 */
@Injectable()
export class AdminCredentials {
  constructor(
    private readonly pool: Pool,
    private readonly config: AppConfig,
  ) {}

  /** The newly generated token, or undefined when one is configured or was generated before. */
  async ensureToken(): Promise<string | undefined> {
    if (this.config.SAMENLOOP_ADMIN_TOKEN) return undefined;
    const token = generateBearerToken('sla');
    // The advisory lock makes concurrent first starts generate exactly one token.
    const result = await this.pool.query(
      `INSERT INTO admin_tokens (token_hash)
       SELECT $1 WHERE pg_try_advisory_xact_lock(7311966002) AND NOT EXISTS (SELECT 1 FROM admin_tokens)`,
      [hashBearerToken(token)],
    );
    return result.rowCount === 1 ? token : undefined;
  }

  async isAdmin(token: string): Promise<boolean> {
    const presented = hashBearerToken(token);
    const configured = this.config.SAMENLOOP_ADMIN_TOKEN;
    if (configured) {
      return timingSafeEqual(Buffer.from(presented), Buffer.from(hashBearerToken(configured)));
    }
    const result = await this.pool.query('SELECT 1 FROM admin_tokens WHERE token_hash = $1', [
      presented,
    ]);
    return result.rowCount === 1;
  }
}
