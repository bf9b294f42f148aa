import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuditorPrincipal, AuditRequest } from '@samenloop/privacy';

/** The auditor AuditorGuard admitted for this request. */
export const CurrentAuditor = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuditorPrincipal => {
    const auditor = context.switchToHttp().getRequest<AuditRequest>().auditor;
    if (!auditor) throw new Error('CurrentAuditor used on a route without AuditorGuard');
    return auditor;
  },
);
