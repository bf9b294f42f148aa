import type { EventName, EventType } from '@samenloop/domain';
import type { CloudEvent, WireData } from '@samenloop/contracts';

export type { CloudEvent } from '@samenloop/contracts';

/** The data a partner posts for the event named `N`. */
export type WireDataOf<N extends EventName> = WireData<EventType<N>>;

/** `nl.samenloop.goal-set.v1` -> `goal-set` */
export function nameOf(type: CloudEvent['type']): EventName {
  return type.slice('nl.samenloop.'.length, -'.v1'.length) as EventName;
}
