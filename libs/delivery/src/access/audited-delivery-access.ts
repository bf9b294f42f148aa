import { Injectable, Logger } from '@nestjs/common';
import { ACCESS_ACTIONS, AccessLog, type AccessLogEntry } from '@samenloop/privacy';
import { deliveryMetrics } from '@samenloop/platform';
import { correlationIdsOf } from '../feed/correlation-ids';
import type { FeedEntry } from '../feed/partner-feed-types';
import {
  type DeliveryAccess,
  DeliveryAccessLog,
  type DeliveryChannel,
} from './delivery-access-log';

const ACTIONS: { readonly [C in DeliveryChannel]: string } = {
  feed: ACCESS_ACTIONS.feedRead,
  sse: ACCESS_ACTIONS.sseDelivery,
  webhook: ACCESS_ACTIONS.webhookDelivery,
  kafka: ACCESS_ACTIONS.kafkaDelivery,
};

/**
 * Deliveries in the NEN 7513 access log: one entry per client per delivery, all or none; and in
 * the delivery metrics.
 */
@Injectable()
export class AuditedDeliveryAccess extends DeliveryAccessLog {
  private readonly logger = new Logger('Delivery');

  constructor(private readonly accessLog: AccessLog) {
    super();
  }

  async recordAll(accesses: readonly DeliveryAccess[]): Promise<void> {
    await this.accessLog.recordAll(accesses.flatMap(entriesOf));
    for (const access of accesses) {
      // Every channel passes here once per disclosure: the one place that counts them all.
      deliveryMetrics.delivered(access.channel, access.partnerId, access.entries.length);
      if (access.entries.length > 0) {
        this.logger.debug(
          `${accessPointOf(access)} to ${access.partnerId}${access.requestId ? ` (request ${access.requestId})` : ''}: ${access.entries.length} event(s) up to position ${access.entries.at(-1)!.position}; correlation ${correlationIdsOf(access.entries)}`,
        );
      }
    }
  }
}

/** One entry per client the disclosure concerns. */
function entriesOf(access: DeliveryAccess): AccessLogEntry[] {
  const byClient = new Map<string, FeedEntry[]>();
  for (const entry of access.entries) {
    const entries = byClient.get(entry.clientId);
    if (entries) entries.push(entry);
    else byClient.set(entry.clientId, [entry]);
  }
  return [...byClient].map(([clientId, entries]) => entryOf(access, clientId, entries));
}

function entryOf(access: DeliveryAccess, clientId: string, entries: FeedEntry[]): AccessLogEntry {
  const { channel, partnerId, requestId, subscriptionId, topic, remoteAddress } = access;
  return {
    action: ACTIONS[channel],
    clientId,
    // Pulled by the partner's own system; pushed by the hub's.
    user: channel === 'feed' || channel === 'sse' ? `partner:${partnerId}` : `system:${channel}`,
    partnerId,
    accessPoint: accessPointOf(access),
    ...(remoteAddress === undefined ? {} : { origin: remoteAddress }),
    // The receiver's agreement in the version that applied when the events were materialized.
    authorisation: {
      basis: 'agreement',
      reference: partnerId,
      version: entries[0]!.agreementVersion,
    },
    detail: {
      positions: entries.map(({ position }) => position),
      ...(requestId === undefined ? {} : { requestId }),
      ...(subscriptionId === undefined ? {} : { subscriptionId }),
      ...(topic === undefined ? {} : { topic }),
    },
  };
}

function accessPointOf({ channel, subscriptionId, topic }: DeliveryAccess): string {
  switch (channel) {
    case 'feed':
      return 'GET /v1/feed';
    case 'sse':
      return 'GET /v1/feed/stream';
    case 'webhook':
      return `webhook:${subscriptionId ?? 'unknown'}`;
    case 'kafka':
      return `kafka:${topic ?? 'unknown'}`;
  }
}
