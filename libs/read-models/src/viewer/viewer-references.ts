import { Injectable } from '@nestjs/common';
import { ClientReferenceRegistry } from '@samenloop/sharing';
import type { CaseloadClientEntity } from '../caseload/caseload-client.entity';

/**
 * Each client by the viewer's partner's own reference: the one the projection saw it publish
 * (enrolment, link, signal), else the pseudonym the registry derives (and records, so that the
 * dashboard's links resolve). Only partners without an own reference cost a lookup.
 */
@Injectable()
export class ViewerReferences {
  constructor(private readonly registry: ClientReferenceRegistry) {}

  async of(
    partnerId: string,
    rows: readonly Pick<CaseloadClientEntity, 'clientId' | 'ownReferences'>[],
  ): Promise<Map<string, string>> {
    const references = await Promise.all(
      rows.map(async ({ clientId, ownReferences }): Promise<[string, string]> => [
        clientId,
        ownReferences[partnerId] ?? (await this.registry.referenceFor(partnerId, clientId)),
      ]),
    );
    return new Map(references);
  }

  resolve(partnerId: string, reference: string): Promise<string | undefined> {
    return this.registry.resolve(partnerId, reference);
  }
}
