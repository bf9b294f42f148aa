import { Injectable } from '@nestjs/common';
import { AccessLog, type AccessAction } from '@samenloop/privacy';
import { SharingAgreements } from '@samenloop/sharing';
import { Pool } from 'pg';
import type { CaseLead } from '@samenloop/identity';

/**
 * NEN 7513: every dashboard view of client data leaves one access-log entry per client shown,
 * naming the professional, their partner and the sharing agreement version that allowed it.
 */
@Injectable()
export class DashboardAccessLog {
  constructor(
    private readonly accessLog: AccessLog,
    private readonly pool: Pool,
    private readonly agreements: SharingAgreements,
  ) {}

  async viewed(
    viewer: CaseLead,
    references: readonly string[],
    action: AccessAction,
    accessPoint: string,
  ): Promise<void> {
    if (references.length === 0) return;
    const { rows } = await this.pool.query<{ client_id: string }>(
      `SELECT DISTINCT client_id FROM client_references
       WHERE partner_id = $1 AND reference = ANY($2::text[])`,
      [viewer.partner.id, references],
    );
    const version = this.agreements.current().version;
    await this.accessLog.recordAll(
      rows.map(({ client_id }) => ({
        action,
        clientId: client_id,
        user: viewer.username,
        partnerId: viewer.partner.id,
        accessPoint,
        authorisation: { basis: 'agreement' as const, reference: viewer.partner.id, version },
      })),
    );
  }
}
