import { Injectable } from '@nestjs/common';
import { clientStream } from '@samenloop/domain';
import { EventStore } from '@samenloop/event-store';
import { ClientReferenceRegistry } from '@samenloop/sharing';
import { parseClientRef } from './client-ref';

export class UnknownClientError extends Error {
  override readonly name = 'UnknownClientError';
  constructor(readonly ref: string) {
    super(`no client is known as ${ref}`);
  }
}

export class InvalidClientRefError extends Error {
  override readonly name = 'InvalidClientRefError';
  constructor(readonly ref: string) {
    super('name the client by its hub id (a UUID) or as partnerId:reference');
  }
}

/** Finds the hub's client id behind what an auditor or administrator typed. */
@Injectable()
export class ClientLocator {
  constructor(
    private readonly references: ClientReferenceRegistry,
    private readonly store: EventStore,
  ) {}

  /** The client id of a client with a stream; throws UnknownClientError or InvalidClientRefError. */
  async locate(ref: string): Promise<string> {
    const parsed = parseClientRef(ref);
    if (!parsed) throw new InvalidClientRefError(ref);
    const clientId =
      parsed.kind === 'client-id'
        ? parsed.clientId
        : await this.references.resolve(parsed.partnerId, parsed.reference);
    if (clientId === undefined) throw new UnknownClientError(ref);
    const [first] = await this.store.readStream(clientStream(clientId), { limit: 1 });
    if (!first) throw new UnknownClientError(ref);
    return clientId;
  }
}
