import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { CaseloadClientEntity } from '../caseload/caseload-client.entity';
import { READ_MODELS } from '../database/read-models-data-source';
import { TimelineEntryEntity } from '../timeline/timeline-entry.entity';
import type { PartnerNames } from '../viewer/partner-directory';
import type { CaseLead } from '@samenloop/identity';
import { ViewerAgreements } from '../viewer/viewer-agreements';
import { eventAccess, RESTRICTED, type EventAccess, type StoredEvent } from './event-access';

/** What a case lead may read of each event of one client, by global position. */
export class ClientEventAccess {
  constructor(private readonly byPosition: ReadonlyMap<number, EventAccess>) {}

  /** Unknown positions (none, as the read models trail the store) are restricted. */
  of(position: number): EventAccess {
    return this.byPosition.get(position) ?? RESTRICTED;
  }

  readable(position: number): boolean {
    return this.of(position).readable;
  }
}

/** The client as its caseload row has it now, of whom a case lead asks. */
export type AccessedClient = Pick<CaseloadClientEntity, 'clientId' | 'unconfirmed'>;

/**
 * The per-event decision behind the timeline and the client detail, from the timeline's rows:
 * what the sharing policy settled as each event happened, under the viewer's agreement in force.
 * No replay of the client's stream.
 */
@Injectable()
export class ClientAccess {
  constructor(
    @InjectRepository(TimelineEntryEntity, READ_MODELS)
    private readonly entries: Repository<TimelineEntryEntity>,
    private readonly agreements: ViewerAgreements,
  ) {}

  /** Reads the client's events for it: for views that show facts rather than the timeline. */
  async of(
    viewer: CaseLead,
    client: AccessedClient,
    partners: PartnerNames,
  ): Promise<ClientEventAccess> {
    const events = await this.entries.find({
      select: { position: true, type: true, partnerId: true, secrecy: true },
      where: { clientId: client.clientId },
    });
    return this.over(viewer, client, partners, events);
  }

  /** For events already read. */
  over(
    viewer: CaseLead,
    client: AccessedClient,
    partners: PartnerNames,
    events: readonly StoredEvent[],
  ): ClientEventAccess {
    const agreement = this.agreements.agreementOf(viewer);
    const unconfirmed = client.unconfirmed.includes(viewer.partner.id);
    return new ClientEventAccess(
      new Map(
        events.map((event) => [
          event.position,
          eventAccess({
            viewer,
            event,
            senderKind: partners.kindOf(event.partnerId),
            agreement,
            unconfirmed,
          }),
        ]),
      ),
    );
  }
}
