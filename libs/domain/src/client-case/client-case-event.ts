import type { EventDataMap } from '../catalogue/event-data-types';
import type { EventType } from '../catalogue/event-type.catalogue';

/**
 * A stored event of a client's stream: plain JSON only, so that it serialises and replays
 * unchanged. The hub's internal client id is the stream's, not the event's.
 */
export interface ClientCaseEventOf<T extends EventType> {
  type: T;
  /** The sender's CloudEvent id; with the partner it is unique for ever. */
  eventId: string;
  /** The publishing partner, or {@link ADMIN_PARTNER_ID} for the hub administrator (`isHubIssued`). */
  partnerId: string;
  actor?: string;
  /** When it happened, per the sender (RFC 3339). */
  occurredAt: string;
  /** When the hub accepted it, per the hub's clock. */
  recordedAt: string;
  data: EventDataMap[T];
}

export type ClientCaseEvent = { [T in EventType]: ClientCaseEventOf<T> }[EventType];

type ClientCaseEventParts = Omit<ClientCaseEventOf<EventType>, 'type' | 'data'> & {
  type: string;
  data: unknown;
};

/**
 * A client-case event from its parts, with no `actor` key when there is none. The caller vouches
 * that `type` and `data` belong together: TypeScript cannot follow that they came from one command
 * or one stored event.
 */
export function clientCaseEvent(parts: ClientCaseEventParts): ClientCaseEvent {
  const { type, eventId, partnerId, actor, occurredAt, recordedAt, data } = parts;
  return {
    type,
    eventId,
    partnerId,
    ...(actor === undefined ? {} : { actor }),
    occurredAt,
    recordedAt,
    data,
  } as ClientCaseEvent;
}

/**
 * The partner id the hub's own events are stored under. Reserved (`RESERVED_PARTNER_IDS`), yet
 * never enough on its own to tell the hub's events apart: ask `isHubIssued`.
 */
export const ADMIN_PARTNER_ID = 'admin';
