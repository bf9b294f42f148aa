import { setTimeout as sleep } from 'node:timers/promises';
import type { PilotHub } from './pilot-hub';

export interface FeedRow {
  partner: string;
  eventId: string;
  clientId: string;
  /** The partner's own reference of the client: the Kafka key. */
  subject: string;
  revision: number;
}

/** What a hub holds once its workers caught up: the log and each partner's feed. */
export interface HubRecord {
  /** Stored event ids by type, each id once per time it is stored. */
  eventIds: string[];
  eventTypes: Record<string, number>;
  /** `partnerId/cloudEventId` of every event the intake recorded. */
  receipts: Set<string>;
  /** In feed order. */
  feed: FeedRow[];
}

const PARTNER_SOURCE = 'urn:samenloop:partner:';

/** Waits until the feed worker processed the whole log, then reads what the hub holds. */
export async function settledRecord(hub: PilotHub, timeoutMs = 120_000): Promise<HubRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [state] = await hub.query<{ head: string | null; checkpoint: string | null }>(
      `SELECT (SELECT max(position) FROM events) AS head,
              (SELECT position FROM consumer_checkpoints WHERE name = 'delivery-feed') AS checkpoint`,
    );
    if (state && Number(state.checkpoint ?? -1) >= Number(state.head ?? 0)) break;
    if (Date.now() > deadline) {
      throw new Error(`the feed did not catch up: ${JSON.stringify(state)}`);
    }
    await sleep(500);
  }
  const events = await hub.query<{ event_id: string; type: string }>(
    'SELECT event_id, type FROM events ORDER BY position',
  );
  const receipts = await hub.query<{ source: string; event_id: string }>(
    'SELECT source, event_id FROM intake_receipts WHERE position IS NOT NULL',
  );
  const feed = await hub.query<{
    partner_id: string;
    id: string;
    client_id: string;
    subject: string;
    stream_revision: string;
  }>(
    `SELECT partner_id, event->>'id' AS id, client_id, subject, stream_revision
       FROM partner_feed ORDER BY seq`,
  );
  const eventTypes: Record<string, number> = {};
  for (const { type } of events) eventTypes[type] = (eventTypes[type] ?? 0) + 1;
  return {
    eventIds: events.map(({ event_id }) => event_id),
    eventTypes,
    receipts: new Set(
      receipts.map(({ source, event_id }) => `${source.slice(PARTNER_SOURCE.length)}/${event_id}`),
    ),
    feed: feed.map((row) => ({
      partner: row.partner_id,
      eventId: row.id,
      clientId: row.client_id,
      subject: row.subject,
      revision: Number(row.stream_revision),
    })),
  };
}

/** Each partner's distinct deliveries, `partner/eventId`, sorted. */
export function deliveries(record: HubRecord): string[] {
  return [...new Set(record.feed.map(({ partner, eventId }) => `${partner}/${eventId}`))].sort();
}

/**
 * Per partner and client, the events in the order the partner first received them, as sorted
 * `partner: id, id, ...` lines. Not simply by stream revision: a partner that becomes involved
 * later receives the earlier history it is entitled to at that moment. A run under failure must
 * give every partner the same sequences as a run without (repeats of a delivery aside).
 */
export function clientSequences(record: HubRecord): string[] {
  const sequences = new Map<string, { partner: string; ids: string[] }>();
  const delivered = new Set<string>();
  for (const { partner, clientId, eventId } of record.feed) {
    if (delivered.has(`${partner}/${eventId}`)) continue;
    delivered.add(`${partner}/${eventId}`);
    const key = `${partner}/${clientId}`;
    const sequence = sequences.get(key) ?? { partner, ids: [] };
    sequence.ids.push(eventId);
    sequences.set(key, sequence);
  }
  return [...sequences.values()].map(({ partner, ids }) => `${partner}: ${ids.join(', ')}`).sort();
}
