import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuditorPrincipal, AuditRequest } from '@samenloop/privacy';

/** An auditor and where the request came from: the access log records both. */
export interface AuditorAtOrigin extends AuditorPrincipal {
  origin: string | undefined;
}

/** The auditor AuditorGuard admitted for this request, with the request's origin. */
export const CurrentAuditor = createParamDecorator(
  (_: unknown, context: ExecutionContext): AuditorAtOrigin => {
    const request = context.switchToHttp().getRequest<AuditRequest>();
    if (!request.auditor) throw new Error('CurrentAuditor used on a route without AuditorGuard');
    return { ...request.auditor, origin: request.ip };
  },
);
