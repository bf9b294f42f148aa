import { Injectable } from '@nestjs/common';
import type { DataCategory } from '@samenloop/domain';
import { SharingAgreements, type SharingAgreement } from '@samenloop/sharing';
import type { CaseloadClientEntity } from '../caseload/caseload-client.entity';
import type { CaseLead } from '@samenloop/identity';

/** Whether a case lead may be shown who one client is. */
export type IdentityShown = (client: Pick<CaseloadClientEntity, 'unconfirmed'>) => boolean;

/** The data-sharing agreement in force for a case lead's partner, as the relay applies it. */
@Injectable()
export class ViewerAgreements {
  constructor(private readonly agreements: SharingAgreements) {}

  agreementOf({ partner }: CaseLead): SharingAgreement | undefined {
    return this.agreements.current().agreementFor(partner);
  }

  /** The categories the case lead's partner may receive; none without an agreement. */
  categoriesOf(viewer: CaseLead): ReadonlySet<DataCategory> {
    return new Set(this.agreementOf(viewer)?.categories ?? []);
  }

  /**
   * Who a client is only where the agreement names `identity` and, under `identityOnMatch:
   * after-confirmation`, once the enrolling municipality confirmed the match the partner made on
   * its BSN signal: the dashboard holds the person back exactly as long as the partner feed holds
   * back the enrolment, or the signal would still work as a lookup of names.
   */
  identityShownTo(viewer: CaseLead): IdentityShown {
    const agreement = this.agreementOf(viewer);
    const named = agreement?.categories.includes('identity') ?? false;
    const waits = agreement?.identityOnMatch === 'after-confirmation';
    return ({ unconfirmed }) => named && !(waits && unconfirmed.includes(viewer.partner.id));
  }
}
