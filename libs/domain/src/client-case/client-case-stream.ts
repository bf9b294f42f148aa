import { clientCaseEvent, type ClientCaseEvent } from './client-case-event';

/**
 * How client-case events sit in the event store. Typed by shape rather than by the store's port
 * so the domain stays free of other libs.
 */
export interface StoredEventShape {
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
}

/** One stream per client, named by the hub's own id (never a BSN or a partner's reference). */
export function clientStream(clientId: string): string {
  return `client-${clientId}`;
}

/** Where a stored event came from: its CloudEvent and the request that brought it. */
export type IntakeTrace = {
  source: string;
  /** The sender's reference for the client. */
  subject: string;
  /** Keyed fingerprint of the CloudEvent, to tell a resend from a reuse of its id. */
  contentHash: string;
  /** The request id (x-request-id). */
  correlationId: string;
};

/**
 * The metadata of a client-case event in the store: the domain event's own envelope fields and its
 * trace. `causationId` is the CloudEvent id that caused it, as `eventId` is in the domain.
 */
export type ClientCaseEventMetadata = IntakeTrace & {
  eventId: string;
  partnerId: string;
  actor?: string;
  occurredAt: string;
  recordedAt: string;
  causationId: string;
};

export function toEventToAppend(
  event: ClientCaseEvent,
  id: string,
  trace: IntakeTrace,
): StoredEventShape & { id: string } {
  const { type, data, eventId, partnerId, actor, occurredAt, recordedAt } = event;
  const metadata: ClientCaseEventMetadata = {
    eventId,
    partnerId,
    ...(actor === undefined ? {} : { actor }),
    occurredAt,
    recordedAt,
    ...trace,
    causationId: eventId,
  };
  return { id, type, data, metadata: { ...metadata } };
}

/** The domain event of a stored client-case event, for `evolve`. */
export function toClientCaseEvent({ type, data, metadata }: StoredEventShape): ClientCaseEvent {
  // The store keeps type and data as they were appended from one ClientCaseEvent. Only the
  // envelope's fields are picked: a copy of the whole metadata per event was the replay's cost.
  const { eventId, partnerId, actor, occurredAt, recordedAt } =
    metadata as unknown as ClientCaseEventMetadata;
  return clientCaseEvent({ type, eventId, partnerId, actor, occurredAt, recordedAt, data });
}
