import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { auditProblem } from '../audit.problems';
import { AuditorAuthentication, type AuditRequest } from '@samenloop/privacy';

/** Admits auditors only, and remembers who, for the access log. */
@Injectable()
export class AuditorGuard implements CanActivate {
  constructor(private readonly authentication: AuditorAuthentication) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuditRequest>();
    const principal = await this.authentication.authenticate(request);
    if (!principal) {
      throw auditProblem('unauthorized', 'this endpoint is for auditors: sign in first');
    }
    if (principal.role !== 'auditor') {
      throw auditProblem('not-auditor', 'only users with the auditor role read the audit API');
    }
    request.auditor = principal;
    return true;
  }
}
