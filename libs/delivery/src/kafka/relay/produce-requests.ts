import type { Message, TopicMessages } from 'kafkajs';

/**
 * Well under the 1 MiB a broker takes in one record batch by default (`message.max.bytes`), with
 * room for the record and batch overheads this estimate leaves out.
 */
export const MAX_REQUEST_BYTES = 512 * 1024;

/**
 * Splits a batch's records into produce requests of at most about `maxBytes` each (one record
 * larger than that goes alone), keeping every topic's records in order across the requests:
 * sent one after another, they reach each partition in feed order.
 */
export function produceRequests(
  topics: readonly TopicMessages[],
  maxBytes = MAX_REQUEST_BYTES,
): TopicMessages[][] {
  const requests: TopicMessages[][] = [];
  let request = new Map<string, Message[]>();
  let bytes = 0;
  for (const { topic, messages } of topics) {
    for (const message of messages) {
      const size = sizeOf(message);
      if (bytes > 0 && bytes + size > maxBytes) {
        requests.push(asTopicMessages(request));
        request = new Map();
        bytes = 0;
      }
      let inTopic = request.get(topic);
      if (!inTopic) request.set(topic, (inTopic = []));
      inTopic.push(message);
      bytes += size;
    }
  }
  if (bytes > 0) requests.push(asTopicMessages(request));
  return requests;
}

function sizeOf({ key, value, headers }: Message): number {
  let size = byteLength(key) + byteLength(value);
  for (const [name, header] of Object.entries(headers ?? {})) {
    size +=
      Buffer.byteLength(name) +
      (Array.isArray(header) ? header : [header]).reduce<number>(
        (sum, item) => sum + byteLength(item),
        0,
      );
  }
  return size;
}

function byteLength(value: Buffer | string | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

function asTopicMessages(request: Map<string, Message[]>): TopicMessages[] {
  return [...request].map(([topic, messages]) => ({ topic, messages }));
}
