import { Injectable } from '@nestjs/common';
import { HubSecrets } from '@samenloop/platform';
import { Pool } from 'pg';
import { ReferenceTakenError } from './client-reference.errors';
import { derivePseudonym } from './pseudonym';

/**
 * Each partner's own name for a client. A partner never sees the hub's client id: it addresses a
 * client by the reference it chose (its enrolment subject or a linked reference) or, failing
 * that, by the pseudonym the hub derives for it.
 */
@Injectable()
export class ClientReferenceRegistry {
  constructor(
    private readonly pool: Pool,
    private readonly secrets: HubSecrets,
  ) {}

  async resolve(partnerId: string, reference: string): Promise<string | undefined> {
    const result = await this.pool.query<{ client_id: string }>(
      'SELECT client_id FROM client_references WHERE partner_id = $1 AND reference = $2',
      [partnerId, reference],
    );
    return result.rows[0]?.client_id;
  }

  /** Records the partner's own reference; binding it again to the same client is a no-op. */
  async bind(partnerId: string, reference: string, clientId: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO client_references (partner_id, reference, client_id, origin)
       VALUES ($1, $2, $3, 'own') ON CONFLICT DO NOTHING`,
      [partnerId, reference, clientId],
    );
    const bound = await this.resolve(partnerId, reference);
    if (bound !== clientId) throw new ReferenceTakenError(partnerId, reference);
  }

  /** The reference to show this partner: its own latest one, else its pseudonym. */
  async referenceFor(partnerId: string, clientId: string): Promise<string> {
    const own = await this.pool.query<{ reference: string }>(
      `SELECT reference FROM client_references
       WHERE client_id = $1 AND partner_id = $2 AND origin = 'own'
       ORDER BY created_at DESC, reference LIMIT 1`,
      [clientId, partnerId],
    );
    if (own.rows[0]) return own.rows[0].reference;
    const pseudonym = derivePseudonym(this.secrets.pseudonymKey, partnerId, clientId);
    // Recorded so that the partner can address the client by it.
    await this.pool.query(
      `INSERT INTO client_references (partner_id, reference, client_id, origin)
       VALUES ($1, $2, $3, 'pseudonym') ON CONFLICT DO NOTHING`,
      [partnerId, pseudonym, clientId],
    );
    return pseudonym;
  }
}
