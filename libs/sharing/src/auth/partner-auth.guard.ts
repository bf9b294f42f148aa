import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { bearerTokenOf, unauthorized } from '@samenloop/platform';
import type { Partner } from '../partners/partner';
import { PartnerRegistry } from '../partners/partner-registry';

export interface PartnerRequest {
  headers: Record<string, string | string[] | undefined>;
  partner?: Partner;
}

/** Admits a request whose bearer token belongs to an active partner, and remembers the partner. */
@Injectable()
export class PartnerAuthGuard implements CanActivate {
  constructor(private readonly partners: PartnerRegistry) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<PartnerRequest>();
    const partner = await this.partners.authenticate(bearerTokenOf(request));
    if (!partner) throw unauthorized('the token is unknown, rotated or revoked');
    request.partner = partner;
    return true;
  }
}
