import type { Pool } from 'pg';
import type { Clock } from '@samenloop/privacy';
import type { ClientErasure, ErasureResult } from '../erasure/client-erasure';

const BATCH = 100;

/**
 * Erases every client whose case closed longer ago than the retention term (an ISO 8601 duration,
 * which PostgreSQL reads as an interval). The schedule comes from the erasure consumer.
 */
export class RetentionJob {
  constructor(
    private readonly pool: Pool,
    private readonly erasure: ClientErasure,
    private readonly clock: Clock,
    private readonly term: string,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** One pass; returns the erasures it made. A client that cannot be erased is logged and skipped. */
  async runOnce(): Promise<ErasureResult[]> {
    const now = this.clock.now();
    const { rows } = await this.pool.query<{ client_id: string }>(
      `SELECT client_id FROM audit_retention
       WHERE erased_at IS NULL AND closed_at + $1::interval <= $2
       ORDER BY closed_at LIMIT $3`,
      [this.term, now, BATCH],
    );
    const erased: ErasureResult[] = [];
    for (const { client_id: clientId } of rows) {
      try {
        const result = await this.erasure.erase({
          clientId,
          reason: `retention term ${this.term} after case-closed has passed`,
          actor: 'system:retention',
          authorisation: { basis: 'law', reference: `retention ${this.term} after case-closed` },
          accessPoint: 'job:retention',
        });
        // Marked here too, so that the next pass skips it even before the consumer catches up.
        await this.pool.query(
          'UPDATE audit_retention SET erased_at = coalesce(erased_at, $2) WHERE client_id = $1',
          [clientId, result.erasedAt],
        );
        erased.push(result);
      } catch (error) {
        this.log(`retention: client ${clientId} could not be erased: ${(error as Error).message}`);
      }
    }
    return erased;
  }
}
