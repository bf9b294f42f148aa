import { Injectable } from '@nestjs/common';
import { HubSecrets } from '@samenloop/platform';
import { Pool, type PoolClient } from 'pg';
import { hashBsn } from './bsn';

/** Finds an enrolled client by BSN through its keyed hash; no BSN is ever stored. */
@Injectable()
export class BsnIndex {
  constructor(
    private readonly pool: Pool,
    private readonly secrets: HubSecrets,
  ) {}

  hash(bsn: string): string {
    return hashBsn(this.secrets.bsnHashKey, bsn);
  }

  /**
   * The clients these hashes belong to now, read on `connection`: inside a transaction that holds
   * an advisory lock on each {@link bsnLock}, the answer stays true until it commits.
   */
  async holdersIn(
    connection: PoolClient,
    bsnHashes: readonly string[],
  ): Promise<Map<string, string>> {
    if (bsnHashes.length === 0) return new Map();
    const { rows } = await connection.query<{ bsn_hash: string; client_id: string }>({
      name: 'bsn-holders-in',
      text: 'SELECT bsn_hash, client_id FROM client_bsn_hashes WHERE bsn_hash = ANY($1::text[])',
      values: [bsnHashes],
    });
    return new Map(rows.map((row) => [row.bsn_hash, row.client_id]));
  }

  /** Registers each hash for its client, in the caller's transaction on `connection`. */
  async registerIn(
    connection: PoolClient,
    registrations: readonly BsnRegistration[],
  ): Promise<void> {
    if (registrations.length === 0) return;
    await connection.query({
      name: 'bsn-register-in',
      text: `INSERT INTO client_bsn_hashes (bsn_hash, client_id)
             SELECT * FROM unnest($1::text[], $2::uuid[]) ON CONFLICT DO NOTHING`,
      values: [
        registrations.map(({ bsnHash }) => bsnHash),
        registrations.map(({ clientId }) => clientId),
      ],
    });
  }

  async match(bsnHash: string): Promise<string | undefined> {
    const result = await this.pool.query<{ client_id: string }>(
      'SELECT client_id FROM client_bsn_hashes WHERE bsn_hash = $1',
      [bsnHash],
    );
    return result.rows[0]?.client_id;
  }

  async forget(clientId: string): Promise<void> {
    await this.pool.query('DELETE FROM client_bsn_hashes WHERE client_id = $1', [clientId]);
  }
}

export interface BsnRegistration {
  bsnHash: string;
  clientId: string;
}

/** Identifies a BSN hash in advisory locks. */
export function bsnLock(bsnHash: string): string {
  return `bsn\n${bsnHash}`;
}
