import { createHash } from 'node:crypto';
import type { Static } from '@sinclair/typebox';
import type { ClientCaseEvent, ClientCaseEventOf } from '@samenloop/domain';
import {
  dataSchemaUrl,
  HUB_SOURCE,
  INVOLVEMENT_MATCHED,
  type OutboundEventType,
  outboundSourceOf,
} from '../catalogue/outbound-event.catalogue';
import type { OutboundCloudEvent, OutboundCloudEventOf } from '../schemas/cloud-event.schema';
import type { Person, RedactedPerson } from '../schemas/field.schema';
import { OUTBOUND_EVENT_SCHEMAS } from '../schemas/outbound-event.schema';
import { withoutPath } from './data-path';

export type Identity = Static<typeof Person> | Static<typeof RedactedPerson>;

/** What the builder takes of a receiver's entitlement (the sharing policy's `Delivery`). */
export interface OutboundEntitlement {
  /** Dotted data paths to strip before sending (`person`, `person.bsn`, `notes`, `reason`). */
  omitFields: readonly string[];
}

export interface OutboundEventInput {
  event: ClientCaseEvent;
  /** The sender's CloudEvent id, kept with the stored event. */
  sourceEventId: string;
  /** The event's position in the global log: the `cursor`. */
  position: number;
  receiverId: string;
  /** The receiving partner's own reference for the client: the `subject`. */
  receiverReference: string;
  entitlement: OutboundEntitlement;
  /**
   * The decrypted person, or the redaction marker once the client is erased. Decrypting is I/O,
   * so the caller's; needed only where the entitlement keeps `person`.
   */
  identity?: Identity;
  /** Everyone involved with the client after a signal: needed only for the match. */
  involvedPartners?: readonly string[];
}

type SignalledEvent = ClientCaseEventOf<'nl.samenloop.involvement-signalled.v1'>;

/** The CloudEvent one receiver gets of one stored event. Pure: same input, same event. */
export function buildOutboundEvent(input: OutboundEventInput): OutboundCloudEvent {
  const { event } = input;
  return event.type === 'nl.samenloop.involvement-signalled.v1'
    ? involvementMatched(input, event)
    : relayed(input, event.type);
}

function relayed(input: OutboundEventInput, type: OutboundEventType): OutboundCloudEvent {
  const { event, sourceEventId } = input;
  return {
    ...envelope(input, type, sourceEventId, outboundSourceOf(event)),
    ...(event.actor === undefined ? {} : { actor: event.actor }),
    data: entitledData(input, type),
  } as OutboundCloudEvent;
}

/** Signal and match: who else is involved, and nothing more; the hub says it, not the signaller. */
function involvementMatched(
  input: OutboundEventInput,
  signal: SignalledEvent,
): OutboundCloudEventOf<typeof INVOLVEMENT_MATCHED> {
  const { involvedPartners, receiverId, sourceEventId } = input;
  if (!involvedPartners) throw new Error('a match needs the partners involved after the signal');
  // Per receiver, since each is told of the others; the same on every redelivery.
  const id = createHash('sha256')
    .update(`${signal.partnerId}\n${sourceEventId}\n${receiverId}`)
    .digest('hex');
  return {
    ...envelope(input, INVOLVEMENT_MATCHED, `match-${id.slice(0, 40)}`, HUB_SOURCE),
    data: {
      signalledBy: signal.partnerId,
      involvedPartners: [...new Set(involvedPartners)].filter((p) => p !== receiverId).sort(),
    },
  };
}

function envelope<T extends OutboundEventType>(
  { event, receiverReference, position }: OutboundEventInput,
  type: T,
  id: string,
  source: string,
) {
  return {
    specversion: '1.0' as const,
    id,
    source,
    type,
    subject: receiverReference,
    time: event.occurredAt,
    datacontenttype: 'application/json' as const,
    dataschema: dataSchemaUrl(type),
    cursor: position,
  };
}

/**
 * Only fields the type's schema declares, so that what stays in the hub (`bsnHash`, the enrolling
 * partner's `reference`) cannot slip out whatever the entitlement says; the sealed person swapped
 * for the decrypted one; then without what the entitlement strips (`person.bsn` included).
 */
function entitledData(
  { event, entitlement, identity }: OutboundEventInput,
  type: OutboundEventType,
): Record<string, unknown> {
  const { person: sealed, ...stored } = event.data as Record<string, unknown>;
  const declared = Object.keys(OUTBOUND_EVENT_SCHEMAS[type].properties);
  const kept = Object.fromEntries(
    Object.entries(stored).filter(([field]) => declared.includes(field)),
  );
  const withPerson =
    sealed !== undefined && !entitlement.omitFields.includes('person')
      ? { ...kept, person: required(identity) }
      : kept;
  return entitlement.omitFields.reduce(withoutPath, withPerson);
}

function required(identity: Identity | undefined): Identity {
  if (!identity) throw new Error('the receiver is entitled to the person: pass its identity');
  return identity;
}
