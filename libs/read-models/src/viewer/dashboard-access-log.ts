import { Injectable } from '@nestjs/common';
import { AccessLog, type AccessAction } from '@samenloop/privacy';
import { SharingAgreements } from '@samenloop/sharing';
import type { CaseLead } from '@samenloop/identity';

/** A dashboard answer and the clients it shows, by their ids: the ids go to the log, never out. */
export interface Shown<T> {
  /** The answer, or the promise of it: the log is then written while the answer is put together. */
  answer: T | Promise<T>;
  clientIds: readonly string[];
}

/**
 * NEN 7513: every dashboard view of client data leaves one access-log entry per client shown,
 * naming the professional, their partner and the sharing agreement version that allowed it.
 */
@Injectable()
export class DashboardAccessLog {
  constructor(
    private readonly accessLog: AccessLog,
    private readonly agreements: SharingAgreements,
  ) {}

  /**
   * Logs what `shown` shows and returns its answer once both are done: an answer never leaves before
   * its entries are durable, and a failed log fails the request. An answer that fails after its
   * entries were written leaves them: the log may name a view that did not complete, never miss one.
   */
  async viewed<T>(
    viewer: CaseLead,
    shown: Shown<T>,
    action: AccessAction,
    accessPoint: string,
  ): Promise<T> {
    const version = this.agreements.current().version;
    const [answer] = await Promise.all([
      shown.answer,
      this.accessLog.recordAll(
        [...new Set(shown.clientIds)].map((clientId) => ({
          action,
          clientId,
          user: viewer.username,
          partnerId: viewer.partner.id,
          accessPoint,
          authorisation: { basis: 'agreement' as const, reference: viewer.partner.id, version },
        })),
      ),
    ]);
    return answer;
  }
}
