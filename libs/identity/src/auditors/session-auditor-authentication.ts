import { Injectable } from '@nestjs/common';
import {
  AuditorAuthentication,
  type AuditorPrincipal,
  type AuditRequest,
} from '@samenloop/privacy';
import { SameOriginGuard } from '../sessions/same-origin.guard';
import { sessionTokenOf } from '../sessions/session-cookie';
import { SessionsService } from '../sessions/sessions-service';

/**
 * The audit API's sign-in: a live dashboard session. Its role decides (the audit's guard admits
 * `auditor` only) and its username is the user every audit read is logged under. A change sent
 * with the cookie must come from the hub's own pages.
 */
@Injectable()
export class SessionAuditorAuthentication extends AuditorAuthentication {
  constructor(
    private readonly sessions: SessionsService,
    private readonly sameOrigin: SameOriginGuard,
  ) {
    super();
  }

  override async authenticate(request: AuditRequest): Promise<AuditorPrincipal | undefined> {
    const token = sessionTokenOf(request.headers.cookie);
    if (token !== undefined) this.sameOrigin.check(request);
    const session = token === undefined ? null : await this.sessions.find(token, new Date());
    return session ? { user: session.username, role: session.role } : undefined;
  }
}
