import { Injectable } from '@nestjs/common';
import type { DataCategory } from '@samenloop/domain';
import { SharingAgreements, type SharingAgreement } from '@samenloop/sharing';
import type { CaseLead } from './viewer';

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
}
