import type { OutboundCloudEvent } from '@samenloop/contracts';

/** One partner_feed row as the materializer writes it. */
export interface FeedRow {
  partnerId: string;
  position: number;
  clientId: string;
  streamRevision: number;
  type: string;
  subject: string;
  agreementVersion: string;
  legalBasis: string;
  purpose: string;
  /** Without the person: see `identityFields`. */
  event: OutboundCloudEvent;
  /** The person fields the partner may have; null when it may have none (or there is none). */
  identityFields: string[] | null;
  /** The person, sealed with the client's key as stored, where `identityFields` is not null. */
  sealedPerson: string | null;
  /** The stored event's correlation id, for the delivery logs. */
  correlationId: string | null;
}
