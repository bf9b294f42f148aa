/**
 * Relay throughput beside raw kafkajs, in alternating rounds on one broker: the relay
 * (`createKafkaRelay`) reads the whole partner feed from PostgreSQL after its checkpoint, produces
 * it and checkpoints each batch; raw kafkajs produces the very same records (built beforehand by the
 * relay's own binding) in the same batches with the same producer settings, and nothing else.
 * Each round writes to topics of its own prefix.
 */
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { partnerTopics } from '@samenloop/contracts';
import {
  binaryModeRecord,
  createKafkaRelay,
  DeliveryAccessLog,
  type FeedEntry,
  type PartnerFeed,
} from '@samenloop/delivery';
import { KafkaSettings } from '@samenloop/platform';
import {
  Kafka,
  logLevel,
  Partitioners,
  type Message,
  type Producer,
  type ProducerConfig,
  type TopicMessages,
} from 'kafkajs';
import type { Pool } from 'pg';

export interface ThroughputResult {
  entries: number;
  batchSize: number;
  /** Milliseconds per round. */
  relayMs: number[];
  rawMs: number[];
  /** The relay with an access log that records nothing: its own overhead, for information. */
  unloggedMs: number[];
  /** Whether the broker took an idempotent producer (the relay's and the baseline's alike). */
  idempotent: boolean;
}

export async function measureThroughput(options: {
  feed: PartnerFeed;
  accessLog: DeliveryAccessLog;
  pool: Pool;
  brokers: string[];
  rounds: number;
  batchSize: number;
  log: (line: string) => void;
}): Promise<ThroughputResult> {
  const { feed, accessLog, pool, brokers, rounds, batchSize, log } = options;
  const entries = await readWholeFeed(feed);
  log(`the feed holds ${entries.length} entries`);
  const result: ThroughputResult = {
    entries: entries.length,
    batchSize,
    relayMs: [],
    rawMs: [],
    unloggedMs: [],
    idempotent: false,
  };
  for (let round = 0; round < rounds; round += 1) {
    const stamp = `${process.pid}-${Date.now()}`;
    // Rotating which goes first, so none always meets a warmer broker.
    const subjects = ['raw', 'relay', 'unlogged'] as const;
    const order = subjects.map((_, n) => subjects[(n + round) % subjects.length]!);
    for (const subject of order) {
      const prefix = `bench-${subject}-${round}-${stamp}`;
      if (subject === 'raw') {
        const raw = await rawRound(brokers, prefix, entries, batchSize);
        result.rawMs.push(raw.ms);
        result.idempotent = raw.idempotent;
        log(`round ${round + 1}: raw kafkajs ${rate(entries.length, raw.ms)} events/s`);
      } else {
        const logged = subject === 'relay';
        const ms = await relayRound(
          feed,
          logged ? accessLog : new UnloggedAccess(),
          pool,
          brokers,
          prefix,
          batchSize,
        );
        (logged ? result.relayMs : result.unloggedMs).push(ms);
        log(`round ${round + 1}: ${subject} relay ${rate(entries.length, ms)} events/s`);
      }
    }
  }
  return result;
}

export function rate(events: number, ms: number): number {
  return ms > 0 ? (events * 1000) / ms : 0;
}

async function readWholeFeed(feed: PartnerFeed): Promise<FeedEntry[]> {
  const entries: FeedEntry[] = [];
  for (let page = await feed.readAll(0, 5_000); page.length > 0;) {
    entries.push(...page);
    page = await feed.readAll(page[page.length - 1]!.seq, 5_000);
  }
  return entries;
}

/** From start to the checkpoint at the feed's head: leadership, connect and all. */
async function relayRound(
  feed: PartnerFeed,
  accessLog: DeliveryAccessLog,
  pool: Pool,
  brokers: string[],
  prefix: string,
  batchSize: number,
): Promise<number> {
  const head = await feed.headSeq();
  if (head === 0) throw new Error('nothing to relay');
  const relay = createKafkaRelay(
    feed,
    accessLog,
    pool,
    new KafkaSettings({ brokers, topicPrefix: prefix }),
    {
      batchSize,
    },
  );
  const started = performance.now();
  relay.start();
  while (relay.status().checkpoint !== head) {
    if (performance.now() - started > 600_000) throw new Error('the relay did not finish');
    await sleep(1);
  }
  const ms = performance.now() - started;
  await relay.stop();
  return ms;
}

/** From connect to the last acknowledged batch. */
async function rawRound(
  brokers: string[],
  prefix: string,
  entries: readonly FeedEntry[],
  batchSize: number,
): Promise<{ ms: number; idempotent: boolean }> {
  const batches: TopicMessages[][] = [];
  for (let start = 0; start < entries.length; start += batchSize) {
    batches.push(byTopic(prefix, entries.slice(start, start + batchSize)));
  }
  const kafka = new Kafka({ brokers, clientId: 'bench-raw', logLevel: logLevel.NOTHING });
  const started = performance.now();
  const { producer, idempotent } = await openProducer(kafka);
  try {
    for (const topicMessages of batches) await producer.sendBatch({ acks: -1, topicMessages });
    return { ms: performance.now() - started, idempotent };
  } finally {
    await producer.disconnect();
  }
}

/** The relay's producer settings: idempotent where the broker allows, one request in flight. */
async function openProducer(kafka: Kafka): Promise<{ producer: Producer; idempotent: boolean }> {
  const ordered: ProducerConfig = {
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  };
  const idempotent = kafka.producer({
    ...ordered,
    idempotent: true,
    retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 10 },
  });
  try {
    await idempotent.connect();
    return { producer: idempotent, idempotent: true };
  } catch {
    await idempotent.disconnect().catch(() => undefined);
  }
  const plain = kafka.producer(ordered);
  await plain.connect();
  return { producer: plain, idempotent: false };
}

class UnloggedAccess extends DeliveryAccessLog {
  async recordAll(): Promise<void> {}
}

function byTopic(prefix: string, entries: readonly FeedEntry[]): TopicMessages[] {
  const topics = new Map<string, Message[]>();
  for (const entry of entries) {
    const topic = partnerTopics(prefix, entry.partnerId).events;
    let messages = topics.get(topic);
    if (!messages) topics.set(topic, (messages = []));
    messages.push(binaryModeRecord(entry));
  }
  return [...topics].map(([topic, messages]) => ({ topic, messages }));
}
