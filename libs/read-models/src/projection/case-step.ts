import type { ClientCaseEvent, ClientCaseState, PartnerKind } from '@samenloop/domain';

/** One stored event of a client with the case just before and after it: what projections fold. */
export interface CaseStep {
  /** Global position: orders every event and keys the rows an event adds. */
  position: number;
  clientId: string;
  event: ClientCaseEvent;
  before: ClientCaseState;
  after: ClientCaseState;
  /** The publisher's kind; undefined for the hub administrator or a partner no longer registered. */
  senderKind?: PartnerKind;
  /** The publisher's own reference for the client (the CloudEvent subject), when it sent one. */
  subject?: string;
}
