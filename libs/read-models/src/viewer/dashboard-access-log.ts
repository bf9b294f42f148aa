import { Injectable } from '@nestjs/common';
import { AccessLog, type AccessAction } from '@samenloop/privacy';
import { SharingAgreements } from '@samenloop/sharing';
import type { CaseLead } from '@samenloop/identity';

/** A dashboard answer and the clients it shows, by their ids: the ids go to the log, never out. */
export interface Shown<T> {
  answer: T;
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

  /** Logs what `shown` shows before its answer may leave; returns the answer. */
  async viewed<T>(
    viewer: CaseLead,
    shown: Shown<T>,
    action: AccessAction,
    accessPoint: string,
  ): Promise<T> {
    const version = this.agreements.current().version;
    await this.accessLog.recordAll(
      [...new Set(shown.clientIds)].map((clientId) => ({
        action,
        clientId,
        user: viewer.username,
        partnerId: viewer.partner.id,
        accessPoint,
        authorisation: { basis: 'agreement' as const, reference: viewer.partner.id, version },
      })),
    );
    return shown.answer;
  }
}
