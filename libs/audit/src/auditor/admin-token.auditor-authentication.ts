import { Injectable } from '@nestjs/common';
import { AdminCredentials } from '@samenloop/sharing';
import {
  AuditorAuthentication,
  type AuditorPrincipal,
  type AuditRequest,
} from './auditor.principal';

const BEARER = /^Bearer\s+(\S{1,512})\s*$/i;

/**
 * Interim: the holder of the administrator token reads as auditor. The token names no person, so
 * the access log records the user as `admin-token`; the session-based replacement records people.
 */
@Injectable()
export class AdminTokenAuditorAuthentication extends AuditorAuthentication {
  constructor(private readonly credentials: AdminCredentials) {
    super();
  }

  override async authenticate(request: AuditRequest): Promise<AuditorPrincipal | undefined> {
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    if (!token || !(await this.credentials.isAdmin(token))) return undefined;
    return { user: 'admin-token', role: 'auditor' };
  }
}
