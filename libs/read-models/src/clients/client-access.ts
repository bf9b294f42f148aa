import { Injectable } from '@nestjs/common';
import {
  clientStream,
  evolve,
  evolveAll,
  initialState,
  isEventType,
  toClientCaseEvent,
} from '@samenloop/domain';
import { EventStore } from '@samenloop/event-store';
import type { PartnerNames } from '../viewer/partner-directory';
import type { CaseLead } from '../viewer/viewer';
import { ViewerAgreements } from '../viewer/viewer-agreements';
import { eventAccess, RESTRICTED, type EventAccess } from './event-access';

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

/**
 * Replays one client's stream (one read) to ask the sharing policy about each event with the case
 * states around it: the per-event decision behind the timeline and the client detail.
 */
@Injectable()
export class ClientAccess {
  constructor(
    private readonly store: EventStore,
    private readonly agreements: ViewerAgreements,
  ) {}

  async of(viewer: CaseLead, clientId: string, partners: PartnerNames): Promise<ClientEventAccess> {
    const stored = (await this.store.readStream(clientStream(clientId))).filter(({ type }) =>
      isEventType(type),
    );
    const events = stored.map(toClientCaseEvent);
    const now = evolveAll(events);
    const agreement = this.agreements.agreementOf(viewer);
    const access = new Map<number, EventAccess>();
    let before = initialState;
    events.forEach((event, index) => {
      const senderKind = partners.kindOf(event.partnerId);
      access.set(
        stored[index]!.position,
        eventAccess({ viewer, event, before, now, senderKind, agreement }),
      );
      before = evolve(before, event);
    });
    return new ClientEventAccess(access);
  }
}
