import {
  eventType,
  type ClientCaseEventOf,
  type EventDataMap,
  type EventName,
  type EventType,
} from '@samenloop/domain';

let sequence = 0;

/**
 * A client-case event as the store holds it, sent by `by` at `occurredAt` (default: a fixed day in
 * 2025). Each one built takes the next event id and actor, so that no two collide.
 */
export function storedEvent<N extends EventName>(
  by: { id: string },
  name: N,
  data: EventDataMap[EventType<N>],
  occurredAt = '2025-03-03T10:00:00.000Z',
): ClientCaseEventOf<EventType<N>> {
  sequence += 1;
  return {
    type: eventType(name),
    eventId: `evt-${sequence}`,
    partnerId: by.id,
    actor: `emp-${sequence}`,
    occurredAt,
    recordedAt: occurredAt,
    data,
  };
}
