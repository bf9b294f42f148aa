import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { isReservedPartnerId } from '@samenloop/domain';
import { PartnerRegistry } from './partner-registry';

/**
 * Names the partners registered under a reserved id before ids were reserved. They keep working:
 * nothing grants an id a privilege any more (the hub's own events are told apart by `isHubIssued`),
 * so such a partner is bound by its kind like any other, and refusing to start would take every
 * partner down for one row. The operator is told to move it to another id.
 */
@Injectable()
export class ReservedPartnersCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReservedPartnersCheck.name);

  constructor(private readonly partners: PartnerRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    for (const { id, kind } of await this.partners.list()) {
      if (!isReservedPartnerId(id)) continue;
      this.logger.warn(
        `partner ${id} has a reserved id: it is treated as an ordinary ${kind} partner; ` +
          'revoke it and register it again under another id',
      );
    }
  }
}
