import type { PartnerKind } from '@samenloop/domain';
import type { PartnerRegistry } from '@samenloop/sharing';

/** A partner's kind never changes, so a looked-up kind is kept for the life of the process. */
export class PartnerKinds {
  private readonly known = new Map<string, PartnerKind | undefined>();

  constructor(private readonly registry: Pick<PartnerRegistry, 'find'>) {}

  async kindOf(partnerId: string): Promise<PartnerKind | undefined> {
    if (!this.known.has(partnerId)) {
      this.known.set(partnerId, (await this.registry.find(partnerId))?.kind);
    }
    return this.known.get(partnerId);
  }
}
