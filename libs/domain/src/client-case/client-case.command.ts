import type { EventDataMap } from '../catalogue/event-data-types';
import type { EventType } from '../catalogue/event-type.catalogue';
import type { PartnerKind } from '../partners/partner-kind.catalogue';

/**
 * Commands carry what the partner sent, as the intake resolved it: personal data sealed, the BSN
 * matched to the client (the domain never sees it, nor its hash).
 */
export type CommandDataMap = EventDataMap;

/**
 * A partner states what it did. Time and ids come in on the command (`recordedAt` is the hub's
 * clock, read by the caller) so that deciding stays pure.
 */
export interface PartnerCommandOf<T extends EventType> {
  type: T;
  eventId: string;
  partnerId: string;
  partnerKind: PartnerKind;
  actor?: string;
  occurredAt: string;
  recordedAt: string;
  data: CommandDataMap[T];
}

export type PartnerCommand = { [T in EventType]: PartnerCommandOf<T> }[EventType];

/**
 * Erasure by the hub administrator. It has no partner, so it is a variant of its own; a partner
 * sending `client-erased` is a {@link PartnerCommand} and is refused.
 */
export interface EraseClientCommand {
  type: 'nl.samenloop.client-erased.v1';
  issuedBy: 'admin';
  eventId: string;
  /** The administrator; required because every erasure must be attributable (NEN 7513). */
  actor: string;
  occurredAt: string;
  recordedAt: string;
  data: EventDataMap['nl.samenloop.client-erased.v1'];
}

export type ClientCaseCommand = PartnerCommand | EraseClientCommand;
