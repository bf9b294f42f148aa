import type { ClientCaseEvent, EventType, PartnerKind } from '@samenloop/domain';
import type { OutboundEventType, OutboundEntitlement } from '@samenloop/contracts';
import { OUTBOUND_EXAMPLES } from '@samenloop/contracts';

export const PERSON = {
  givenName: 'Anna',
  familyName: 'de Vries',
  birthDate: '1971-04-12',
  bsn: '111222333',
};

export const REDACTED = { redacted: true, reason: 'erased' } as const;

/** What only the hub may hold; none of it may appear in anything built. */
export const HUB_ONLY = {
  sealed: 'c2VhbGVkLXBlcnNvbg',
  bsnHash: 'hmac-of-bsn',
  reference: 'gm-4711',
};

/** The data of a stored event of the type: the examples, with the person as the hub keeps it. */
function storedData(type: EventType): unknown {
  if (type === 'nl.samenloop.involvement-signalled.v1') return {};
  const example = OUTBOUND_EXAMPLES[type as OutboundEventType];
  if (type !== 'nl.samenloop.client-enrolled.v1') return example;
  const { bsnHash, reference, sealed } = HUB_ONLY;
  return { ...example, person: { sealed }, bsnHash, reference };
}

/** A stored event with the example data of its type, unless other data is given. */
export function exampleStoredEvent(
  type: EventType,
  partnerId: string,
  { actor, data = storedData(type) }: { actor?: string; data?: unknown } = {},
): ClientCaseEvent {
  return {
    type,
    eventId: `${partnerId}-evt-1`,
    partnerId,
    ...(actor === undefined ? {} : { actor }),
    occurredAt: '2025-03-03T10:00:00Z',
    recordedAt: '2025-03-03T10:00:01Z',
    data,
  } as ClientCaseEvent;
}

export function delivery(omitFields: string[] = []): OutboundEntitlement {
  return { omitFields };
}

/** A partner of a kind no agreement names (a health insurer): it receives nothing. */
export const OTHER_PARTNER: { id: string; kind: PartnerKind } = {
  id: 'zorgverzekeraar',
  kind: 'other',
};
