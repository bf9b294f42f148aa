import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  clientStream,
  decide,
  evolveAll,
  toClientCaseEvent,
  toEventToAppend,
  type EraseClientCommand,
} from '@samenloop/domain';
import {
  DuplicateEventIdError,
  EventStore,
  WrongExpectedRevisionError,
  type RecordedEvent,
} from '@samenloop/event-store';
import { BsnIndex } from '@samenloop/sharing';
import { AccessLog, KeyVault, Clock, ACCESS_ACTIONS, type Authorisation } from '@samenloop/privacy';
import { UnknownClientError } from '../clients/client-locator';

export interface ErasureRequest {
  clientId: string;
  reason: string;
  /** Who erases: the administrator, or `system:retention`. Required: every erasure is attributable. */
  actor: string;
  /** Under which authority; logged in the access log. */
  authorisation: Authorisation;
  /** Where the erasure was asked for, e.g. `POST /v1/admin/clients/{ref}/erase`. */
  accessPoint: string;
  origin?: string;
  /** The request id, kept in the event's trace. */
  correlationId?: string;
}

export interface ErasureResult {
  clientId: string;
  /** The global position of the `client-erased` event. */
  position: number;
  erasedAt: string;
  /** True when the client had been erased before; the follow-up steps ran again all the same. */
  alreadyErased: boolean;
}

/** Where the hub's own acts come from in an event's trace (as contracts' HUB_SOURCE). */
const HUB_SOURCE = 'urn:samenloop:hub';
const ERASED = 'nl.samenloop.client-erased.v1';
const MAX_ATTEMPTS = 10;

/**
 * Erases a client: appends `client-erased` through the decider, then destroys the client's data
 * key (crypto-shredding: every sealed person in every copy of every event becomes unreadable) and
 * forgets the keyed BSN hash that matched signals. The event comes first so that the erasure
 * consumer finishes the job if this process dies in between; both steps are idempotent.
 */
@Injectable()
export class ClientErasure {
  constructor(
    private readonly store: EventStore,
    private readonly keyVault: KeyVault,
    private readonly bsnIndex: BsnIndex,
    private readonly accessLog: AccessLog,
    private readonly clock: Clock,
  ) {}

  async erase(request: ErasureRequest): Promise<ErasureResult> {
    const stream = clientStream(request.clientId);
    for (let attempt = 1; ; attempt += 1) {
      const recorded = await this.store.readStream(stream);
      const before = recorded.find((event) => event.type === ERASED);
      if (before) {
        await this.forget(request.clientId);
        return result(request.clientId, before, true);
      }
      const now = this.clock.now().toISOString();
      const command: EraseClientCommand = {
        type: ERASED,
        issuedBy: 'admin',
        eventId: randomUUID(),
        actor: request.actor,
        occurredAt: now,
        recordedAt: now,
        data: { reason: request.reason },
      };
      const decision = decide(command, evolveAll(recorded.map(toClientCaseEvent)));
      if (!decision.ok) throw new UnknownClientError(request.clientId);
      const trace = {
        source: HUB_SOURCE,
        subject: request.clientId,
        contentHash: createHash('sha256')
          .update(JSON.stringify([command.type, command.actor, command.data]))
          .digest('hex'),
        correlationId: request.correlationId ?? command.eventId,
      };
      try {
        await this.store.append(
          stream,
          decision.events.map((event) => toEventToAppend(event, command.eventId, trace)),
          { expectedRevision: recorded.at(-1)?.revision ?? 'no-stream' },
        );
      } catch (error) {
        const raced =
          error instanceof WrongExpectedRevisionError || error instanceof DuplicateEventIdError;
        if (!raced || attempt === MAX_ATTEMPTS) throw error;
        continue;
      }
      await this.forget(request.clientId);
      await this.accessLog.record({
        action: ACCESS_ACTIONS.erasure,
        clientId: request.clientId,
        user: request.actor,
        accessPoint: request.accessPoint,
        ...(request.origin === undefined ? {} : { origin: request.origin }),
        authorisation: request.authorisation,
        detail: { reason: request.reason },
      });
      const [erased] = await this.store.readStream(stream, { direction: 'backwards', limit: 1 });
      return result(request.clientId, erased!, false);
    }
  }

  /** The steps after the event: also run by the erasure consumer, for erasures made elsewhere. */
  async forget(clientId: string): Promise<void> {
    await this.keyVault.destroy(clientId);
    await this.bsnIndex.forget(clientId);
  }
}

function result(clientId: string, event: RecordedEvent, alreadyErased: boolean): ErasureResult {
  // The hub's clock as the command carried it (the domain's recordedAt), not the store's.
  const { recordedAt } = toClientCaseEvent(event);
  return { clientId, position: event.position, erasedAt: recordedAt, alreadyErased };
}
