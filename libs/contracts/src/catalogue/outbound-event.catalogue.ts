import { type EventName, type EventType, isHubIssued } from '@samenloop/domain';
import { sourceOf } from '../inbound/cloud-event-types';

/**
 * What partners receive: every stored type but the signal, which partners only ever hear of as
 * its match (signal and match: *that* others are involved, never more), plus that match.
 */
export type OutboundEventName = Exclude<EventName, 'involvement-signalled'> | 'involvement-matched';

/** Same public names as the inbound catalogue (docs/inbound.md); add types, never rename one. */
export type OutboundEventType<N extends OutboundEventName = OutboundEventName> =
  `nl.samenloop.${N}.v1`;

/** The hub's answer to `involvement-signalled`, sent to every partner involved with the client. */
export const INVOLVEMENT_MATCHED: OutboundEventType<'involvement-matched'> =
  'nl.samenloop.involvement-matched.v1';

export const SCHEMA_BASE_URL = 'https://samenloop.nl/schemas/';

/** `nl.samenloop.visit-held.v1` -> `visit-held.v1`: the name schemas and messages go by. */
export function versionedName(type: OutboundEventType | EventType): string {
  return type.replace(/^nl\.samenloop\./, '');
}

/** Where the JSON Schema of a type's `data` is published: the CloudEvents `dataschema`. */
export function dataSchemaUrl(type: OutboundEventType): string {
  return `${SCHEMA_BASE_URL}${versionedName(type)}.json`;
}

/** The `source` of what the hub itself says: matches and the administrator's erasures. */
export const HUB_SOURCE = 'urn:samenloop:hub';

/** The `source` a partner receives a stored event under: its publisher's, or the hub's. */
export function outboundSourceOf(event: { type: EventType; partnerId: string }): string {
  return isHubIssued(event) ? HUB_SOURCE : sourceOf(event.partnerId);
}
