import { Injectable } from '@nestjs/common';
import {
  ADMIN_CALLER,
  CallerIdentity,
  presentedBearerToken,
  RememberedCallers,
  type CallerRequest,
} from '@samenloop/platform';
import { AdminCredentials } from '../partners/admin-credentials';
import { hashBearerToken } from '../partners/bearer-token';
import { PartnerRegistry } from '../partners/partner-registry';

/** The caller a bearer token proves: `partner:<id>`, the administrator, or nobody. */
@Injectable()
export class BearerCallerIdentity extends CallerIdentity {
  private readonly remembered = new RememberedCallers();

  constructor(
    private readonly partners: PartnerRegistry,
    private readonly admin: AdminCredentials,
  ) {
    super();
  }

  callerOf(request: CallerRequest): Promise<string | undefined> {
    const token = presentedBearerToken(request);
    if (token === undefined) return Promise.resolve(undefined);
    return this.remembered.callerFor(hashBearerToken(token), () => this.lookUp(token));
  }

  private async lookUp(token: string): Promise<string | undefined> {
    const partner = await this.partners.authenticate(token);
    if (partner) return `partner:${partner.id}`;
    return (await this.admin.isAdmin(token)) ? ADMIN_CALLER : undefined;
  }
}
