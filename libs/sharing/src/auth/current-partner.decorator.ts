import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Partner } from '../partners/partner';
import type { PartnerRequest } from './partner-auth.guard';

/** The partner PartnerAuthGuard authenticated for this request. */
export const CurrentPartner = createParamDecorator(
  (_: unknown, context: ExecutionContext): Partner => {
    const partner = context.switchToHttp().getRequest<PartnerRequest>().partner;
    if (!partner) throw new Error('CurrentPartner used on a route without PartnerAuthGuard');
    return partner;
  },
);
