import { Injectable } from '@nestjs/common';
import { ClientReferenceRegistry } from '@samenloop/sharing';
import type { CaseloadClientEntity } from '../caseload/caseload-client.entity';

/**
 * Each client by the viewer's partner's own reference: the one the projection saw it publish
 * (enrolment, link, signal), else the pseudonym the registry derives (and records, so that the
 * dashboard's links resolve). The clients without an own reference cost one lookup together.
 */
@Injectable()
export class ViewerReferences {
  constructor(private readonly registry: ClientReferenceRegistry) {}

  async of(
    partnerId: string,
    rows: readonly Pick<CaseloadClientEntity, 'clientId' | 'ownReferences'>[],
  ): Promise<Map<string, string>> {
    const unnamed = rows.filter(({ ownReferences }) => ownReferences[partnerId] === undefined);
    const referenceOf = await this.registry.referencesFor(
      unnamed.map(({ clientId }) => ({ partnerId, clientId })),
    );
    return new Map(
      rows.map(({ clientId, ownReferences }) => [
        clientId,
        ownReferences[partnerId] ?? referenceOf(partnerId, clientId),
      ]),
    );
  }

  resolve(partnerId: string, reference: string): Promise<string | undefined> {
    return this.registry.resolve(partnerId, reference);
  }
}
