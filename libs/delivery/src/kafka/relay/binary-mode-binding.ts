import type { Message } from 'kafkajs';
import type { FeedEntry } from '../../feed/partner-feed-types';

/** The media type of every record value the relay writes: the event's `data` as JSON. */
export const JSON_MEDIA_TYPE = 'application/json';

/**
 * One feed entry as a Kafka record in the CloudEvents Kafka binding's binary mode: every
 * attribute but `data` as a `ce_` header (text; the cursor in decimal), `datacontenttype` as
 * `content-type`, `data` as the JSON value, and the receiving partner's reference for the client
 * as the key, so that one client's events share a partition and keep their order.
 */
export function binaryModeRecord(entry: FeedEntry): Message {
  const { data, datacontenttype, ...attributes } = entry.event;
  const headers: Record<string, string> = { 'content-type': datacontenttype ?? JSON_MEDIA_TYPE };
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined && value !== null) headers[`ce_${name}`] = String(value);
  }
  return { key: entry.subject, value: JSON.stringify(data), headers };
}
