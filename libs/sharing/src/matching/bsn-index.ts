import { Injectable } from '@nestjs/common';
import { HubSecrets } from '@samenloop/platform';
import { Pool } from 'pg';
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

  async register(bsnHash: string, clientId: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO client_bsn_hashes (bsn_hash, client_id) VALUES ($1, $2) ON CONFLICT DO NOTHING',
      [bsnHash, clientId],
    );
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
