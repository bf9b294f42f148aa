import type { OutboundCloudEvent } from '@samenloop/contracts';

/** One outbound event for one partner, as a reader receives it. */
export interface FeedEntry {
  /** Feed order across all partners (log order: the materializer is the single writer). */
  seq: number;
  partnerId: string;
  /** The global log position: the partner-facing cursor. */
  position: number;
  subject: string;
  type: string;
  clientId: string;
  agreementVersion: string;
  /** The grounds of the delivery, for the access log (NEN 7513: under which authorisation). */
  legalBasis?: string;
  purpose?: string;
  /** The correlation id of the request that brought the event in, for the delivery logs. */
  correlationId?: string;
  /** Final: identity decrypted, or redacted after erasure. */
  event: OutboundCloudEvent;
}

/** What each partner is entitled to, in order; the one source for every delivery channel. */
export abstract class PartnerFeed {
  /** All partners, in feed order, after `afterSeq` (exclusive; 0 = start). For relays. */
  abstract readAll(afterSeq: number, limit: number): Promise<FeedEntry[]>;
  /** One partner, after its cursor (the global position of the last event it received; 0 = start); unknown cursor -> error. */
  abstract readPartner(partnerId: string, afterCursor: number, limit: number): Promise<FeedEntry[]>;
  /** Resolves when entries after `afterSeq` may exist (LISTEN/NOTIFY woken, plus a slow safety re-check), or on timeout/abort. */
  abstract waitForMore(
    afterSeq: number,
    options: { signal?: AbortSignal; timeoutMs: number },
  ): Promise<void>;
  abstract headSeq(): Promise<number>;
  /** What a relay at `afterSeq` has yet to deliver: entries, counted up to `limit`, and the oldest's time. */
  abstract backlog(afterSeq: number, limit: number): Promise<FeedBacklog>;
}

export interface FeedBacklog {
  entries: number;
  /** When the first entry after the seq was written; null when there is none. */
  oldestAt: Date | null;
}
