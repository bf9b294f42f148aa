import type { FeedEntry } from '../feed/partner-feed-types';

export type DeliveryChannel = 'feed' | 'sse' | 'webhook' | 'kafka';

/** One disclosure of client data to a partner (NEN 7513: who received what, how, when). */
export interface DeliveryAccess {
  channel: DeliveryChannel;
  partnerId: string;
  entries: readonly FeedEntry[];
  /** The request that fetched them (feed, SSE). */
  requestId?: string;
  /** The webhook subscription that pushed them. */
  subscriptionId?: string;
  /** The Kafka topic they were produced to. */
  topic?: string;
  /** The partner's address, for the channels it pulls from. */
  remoteAddress?: string;
}

/** Where every delivery channel records what it disclosed, before or as it discloses it. */
export abstract class DeliveryAccessLog {
  /** Records the disclosures together (a relay batch to several partners): all or none. */
  abstract recordAll(accesses: readonly DeliveryAccess[]): Promise<void>;

  record(access: DeliveryAccess): Promise<void> {
    return this.recordAll([access]);
  }
}
