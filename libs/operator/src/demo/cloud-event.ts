import type { EventName, EventType } from '@samenloop/domain';
import type { CloudEvent, WireData } from '@samenloop/intake';

// Types only: the intake's values would load its Nest module and the event store into the CLI.
export type { CloudEvent } from '@samenloop/intake';

/** The data a partner posts for the event named `N`. */
export type WireDataOf<N extends EventName> = WireData<EventType<N>>;

export const CLOUDEVENTS_BATCH_MEDIA_TYPE = 'application/cloudevents-batch+json';

export function sourceOf(partnerId: string): string {
  return `urn:samenloop:partner:${partnerId}`;
}

/** `nl.samenloop.goal-set.v1` -> `goal-set` */
export function nameOf(type: CloudEvent['type']): EventName {
  return type.slice('nl.samenloop.'.length, -'.v1'.length) as EventName;
}
