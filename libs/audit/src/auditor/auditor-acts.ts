import { Injectable } from '@nestjs/common';
import { AccessLog } from '@samenloop/privacy';
import { ClientLocator } from '../clients/client-locator';
import { asAuditProblem } from '../clients/client.problems';
import { auditorAccess, type AuditorAct } from './auditor-access';
import type { AuditorAtOrigin } from './current-auditor.decorator';

/** Logs an auditor's call before it is answered, so that a read about a client lists itself. */
@Injectable()
export class AuditorActs {
  constructor(
    private readonly accessLog: AccessLog,
    private readonly locator: ClientLocator,
  ) {}

  async log(auditor: AuditorAtOrigin, act: AuditorAct): Promise<void> {
    await this.accessLog.record(auditorAccess(auditor, act));
  }

  /** The hub client id `ref` names (or the API problem why none), the call about it logged. */
  async aboutClient(
    ref: string,
    auditor: AuditorAtOrigin,
    act: Omit<AuditorAct, 'clientId'>,
  ): Promise<string> {
    const clientId = await this.locator.locate(ref).catch(asAuditProblem);
    await this.log(auditor, { ...act, clientId });
    return clientId;
  }
}
