import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { bearerTokenOf, unauthorized } from '@samenloop/platform';
import { AdminCredentials } from '../partners/admin-credentials';
import type { PartnerRequest } from './partner-auth.guard';

@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(private readonly credentials: AdminCredentials) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PartnerRequest>();
    if (!(await this.credentials.isAdmin(bearerTokenOf(request)))) {
      throw unauthorized('this endpoint needs the administrator token');
    }
    return true;
  }
}
