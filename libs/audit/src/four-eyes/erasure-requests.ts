import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EventStore } from '@samenloop/event-store';
import { Pool } from 'pg';
import { Clock, ACCESS_ACTIONS } from '@samenloop/privacy';
import type { ErasureRequestView } from '../audit.contract';
import { auditProblem } from '../audit.problems';
import { AuditorActs } from '../auditor/auditor-acts';
import type { AuditorAtOrigin } from '../auditor/current-auditor.decorator';
import { ClientErasure } from '../erasure/client-erasure';
import { planErasure } from './erasure-plan';

interface RequestRow {
  id: string;
  client_id: string;
  reason: string;
  requested_by: string;
  requested_at: Date;
  approved_by: string | null;
  approved_at: Date | null;
  erased_position: string | null;
}

const UNIQUE_VIOLATION = '23505';

/**
 * Erasure with four eyes: one auditor asks (with a reason, after the dry run), another approves,
 * and only then `ClientErasure` destroys the data key. Both steps are in the access log; the
 * erasure itself logs `client.erasure` under the approver's name.
 */
@Injectable()
export class ErasureRequests {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore,
    private readonly erasure: ClientErasure,
    private readonly acts: AuditorActs,
    private readonly clock: Clock,
  ) {}

  async request(
    clientId: string,
    reason: string,
    auditor: AuditorAtOrigin,
  ): Promise<ErasureRequestView> {
    const id = randomUUID();
    await this.acts.log(auditor, {
      action: ACCESS_ACTIONS.erasureRequest,
      clientId,
      accessPoint: 'POST /v1/audit/erasure-requests',
      detail: { requestId: id, reason },
    });
    const inserted = await this.pool
      .query<RequestRow>(
        `INSERT INTO erasure_requests (id, client_id, reason, requested_by, requested_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING *`,
        [id, clientId, reason, auditor.user, this.clock.now()],
      )
      .catch((error: { code?: string }) => {
        if (error.code !== UNIQUE_VIOLATION) throw error;
        throw auditProblem(
          'erasure-already-requested',
          'an erasure of this client waits for approval already: another auditor approves it',
        );
      });
    return this.view(inserted.rows[0]!);
  }

  async open(): Promise<ErasureRequestView[]> {
    const { rows } = await this.pool.query<RequestRow>(
      'SELECT * FROM erasure_requests WHERE approved_by IS NULL ORDER BY requested_at, id',
    );
    return Promise.all(rows.map((row) => this.view(row)));
  }

  async approve(id: string, auditor: AuditorAtOrigin): Promise<ErasureRequestView> {
    const { rows } = await this.pool.query<RequestRow>(
      'SELECT * FROM erasure_requests WHERE id = $1',
      [id],
    );
    const request = rows[0];
    if (!request) throw auditProblem('unknown-erasure-request', 'no erasure request by this id');
    if (request.approved_by !== null) {
      throw auditProblem('erasure-request-decided', 'this erasure request was approved already');
    }
    if (request.requested_by === auditor.user) {
      throw auditProblem('same-auditor', 'another auditor than the one who asked must approve');
    }
    const accessPoint = 'POST /v1/audit/erasure-requests/{id}/approve';
    await this.acts.log(auditor, {
      action: ACCESS_ACTIONS.erasureApproval,
      clientId: request.client_id,
      accessPoint,
      detail: { requestId: id, requestedBy: request.requested_by },
    });
    // Erased first: a crash before the row is marked leaves the request open, and approving it
    // again finds the client erased already.
    const erased = await this.erasure.erase({
      clientId: request.client_id,
      reason: request.reason,
      actor: auditor.user,
      authorisation: { basis: 'role', reference: 'auditor' },
      accessPoint,
      ...(auditor.origin === undefined ? {} : { origin: auditor.origin }),
      correlationId: id,
    });
    const approved = await this.pool.query<RequestRow>(
      `UPDATE erasure_requests SET approved_by = $2, approved_at = $3, erased_position = $4
       WHERE id = $1 AND approved_by IS NULL RETURNING *`,
      [id, auditor.user, this.clock.now(), erased.position],
    );
    if (!approved.rows[0]) {
      throw auditProblem('erasure-request-decided', 'this erasure request was approved already');
    }
    return this.view(approved.rows[0]);
  }

  private async view(row: RequestRow): Promise<ErasureRequestView> {
    return {
      id: row.id,
      clientId: row.client_id,
      reason: row.reason,
      requestedBy: row.requested_by,
      requestedAt: row.requested_at.toISOString(),
      approvedBy: row.approved_by,
      approvedAt: row.approved_at?.toISOString() ?? null,
      erasedPosition: row.erased_position === null ? null : Number(row.erased_position),
      plan: await planErasure(this.pool, this.store, row.client_id),
    };
  }
}
