import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel, type Consumer } from 'kafkajs';

/** A record as a test reads it back: key, value and headers as text. */
export interface ReadRecord {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
}

export function testKafka(brokers: readonly string[]): Kafka {
  return new Kafka({ brokers: [...brokers], clientId: 'test-reader', logLevel: logLevel.NOTHING });
}

/** Polls `check` until it holds (kafkajs's own tests wait like this rather than sleep). */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** Everything on some topics, read from the beginning by a consumer group of its own. */
export class TopicReader {
  readonly records: ReadRecord[] = [];

  private constructor(private readonly consumer: Consumer) {}

  static async start(kafka: Kafka, topics: string[]): Promise<TopicReader> {
    const consumer = kafka.consumer({ groupId: `test-${randomUUID()}`, maxWaitTimeInMs: 100 });
    const reader = new TopicReader(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        reader.records.push({
          topic,
          partition,
          offset: message.offset,
          key: message.key?.toString() ?? null,
          value: message.value?.toString() ?? null,
          headers: Object.fromEntries(
            Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]),
          ),
        });
      },
    });
    return reader;
  }

  on(topic: string): ReadRecord[] {
    return this.records.filter((record) => record.topic === topic);
  }

  async waitFor(count: number, topic?: string, timeoutMs?: number): Promise<ReadRecord[]> {
    const read = () => (topic === undefined ? this.records : this.on(topic));
    await waitUntil(
      () => read().length >= count,
      `${count} record(s) on ${topic ?? 'the topics'}`,
      timeoutMs,
    );
    return read();
  }

  stop(): Promise<void> {
    return this.consumer.disconnect();
  }
}

/**
 * The distinct ce_ids of `records` in the order first seen per key: what a receiver that dedupes
 * by ce_id processes, client by client.
 */
export function firstSeenPerKey(records: readonly ReadRecord[]): Map<string, string[]> {
  const seen = new Set<string>();
  const perKey = new Map<string, string[]>();
  for (const record of records) {
    const id = record.headers.ce_id!;
    if (seen.has(id)) continue;
    seen.add(id);
    const key = record.key ?? '';
    perKey.set(key, [...(perKey.get(key) ?? []), id]);
  }
  return perKey;
}
