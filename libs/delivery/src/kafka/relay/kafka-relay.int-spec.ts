import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { partnerTopics } from '@samenloop/contracts';
import {
  createKafka,
  KafkaSettings,
  poolSessions,
  TopicProvisioner,
  workerLag,
} from '@samenloop/platform';
import {
  createTestDatabase,
  startKafkaTestCluster,
  type KafkaTestCluster,
  type KafkaTestClusterResult,
  firstSeenPerKey,
  testKafka,
  TopicReader,
  waitUntil,
  type ReadRecord,
  type TestDatabase,
} from '@samenloop/testing';
import { register } from 'prom-client';
import {
  InMemoryDeliveryAccessLog,
  InMemoryPartnerFeed,
} from './in-memory-partner-feed.spec-helper';
import { KafkaRelay, type KafkaRelayOptions } from './kafka-relay';
import { relayCheckpointMigrations } from './relay-checkpoint.store';

// The relay on its own (an in-memory feed), against a Kafka-protocol broker and PostgreSQL.
describe('the Kafka relay', () => {
  let started: KafkaTestClusterResult;
  let db: TestDatabase;
  const relays: KafkaRelay[] = [];
  const readers: TopicReader[] = [];

  beforeAll(async () => {
    // Nest's default logger prints debug lines too; the relay's warnings are what matter here.
    Logger.overrideLogger(['warn', 'error']);
    started = await startKafkaTestCluster();
    if (!started.available) process.stderr.write(`\nKAFKA TESTS SKIPPED: ${started.reason}\n\n`);
    db = await createTestDatabase(relayCheckpointMigrations);
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((relay) => relay.stop()));
    await Promise.all(readers.splice(0).map((reader) => reader.stop()));
  });
  afterAll(async () => {
    await db?.drop();
    if (started?.available) await started.cluster.stop();
  });

  /** A fresh prefix, two partners with their topics (3 partitions each), and a feed. */
  async function scene(cluster: KafkaTestCluster) {
    const prefix = `t${randomUUID().slice(0, 8)}`;
    const topics = {
      ggz: partnerTopics(prefix, 'ggz').events,
      werk: partnerTopics(prefix, 'werk').events,
    };
    await cluster.createTopic(topics.ggz, 3);
    await cluster.createTopic(topics.werk, 3);
    const feed = new InMemoryPartnerFeed();
    const accessLog = new InMemoryDeliveryAccessLog();
    const relay = (options: Partial<KafkaRelayOptions> = {}) => {
      const settings = new KafkaSettings({ brokers: cluster.brokers, topicPrefix: prefix });
      const kafka = createKafka(settings, 'relay');
      const created = new KafkaRelay(
        feed,
        accessLog,
        poolSessions(db.pool),
        kafka,
        new TopicProvisioner(kafka),
        {
          topicPrefix: prefix,
          batchSize: 50,
          idleWaitMs: 200,
          standbyRetryMs: 100,
          ...options,
        },
      );
      relays.push(created);
      return created;
    };
    const reader = async () => {
      const created = await TopicReader.start(testKafka(cluster.brokers), [
        topics.ggz,
        topics.werk,
      ]);
      readers.push(created);
      return created;
    };
    return { prefix, topics, feed, accessLog, relay, reader };
  }

  /** Adds `count` entries, round robin over partners and clients. */
  function fill(feed: InMemoryPartnerFeed, count: number, from = 0) {
    for (let n = from; n < from + count; n += 1) {
      feed.add(n % 2 === 0 ? 'ggz' : 'werk', `client-${n % 5}`, n);
    }
  }

  /** Per partner topic and key, the ce_ids the feed holds, in feed order. */
  function expected(feed: InMemoryPartnerFeed, topics: Record<'ggz' | 'werk', string>) {
    return feed.readAll(0, 1_000_000).then((entries) =>
      Object.fromEntries(
        (['ggz', 'werk'] as const).map((partner) => {
          const perKey = new Map<string, string[]>();
          for (const entry of entries.filter((e) => e.partnerId === partner)) {
            perKey.set(entry.subject, [...(perKey.get(entry.subject) ?? []), entry.event.id]);
          }
          return [topics[partner], perKey];
        }),
      ),
    );
  }

  async function expectDelivered(
    reader: TopicReader,
    feed: InMemoryPartnerFeed,
    topics: Record<'ggz' | 'werk', string>,
  ) {
    const want = await expected(feed, topics);
    const distinct = (records: ReadRecord[]) => new Set(records.map((r) => r.headers.ce_id)).size;
    for (const topic of Object.values(topics)) {
      const total = [...want[topic]!.values()].flat().length;
      await waitUntil(() => distinct(reader.on(topic)) >= total, `${total} events on ${topic}`);
      expect(firstSeenPerKey(reader.on(topic))).toEqual(want[topic]);
    }
  }

  it('produces each partner its feed in binary mode, keyed by its reference, in order per client', async () => {
    if (!started.available) {
      expect(started.reason).toMatch(/librdkafka/);
      return;
    }
    const { feed, accessLog, relay, reader, topics } = await scene(started.cluster);
    fill(feed, 120);
    const read = await reader();

    relay().start();
    await expectDelivered(read, feed, topics);
    fill(feed, 30, 120);

    await expectDelivered(read, feed, topics);
    const [first] = read
      .on(topics.ggz)
      .filter((record) => record.headers.ce_id === 'ggz-client-0-0');
    expect(first).toMatchObject({
      key: 'client-0',
      value: JSON.stringify({ channel: 'phone', outcome: 'reached', n: 0 }),
      headers: {
        'content-type': 'application/json',
        ce_specversion: '1.0',
        ce_id: 'ggz-client-0-0',
        ce_source: 'urn:samenloop:partner:gemeente',
        ce_type: 'nl.samenloop.contact-attempted.v1',
        ce_subject: 'client-0',
        ce_time: '2025-03-03T10:00:00.000Z',
        ce_cursor: '1001',
      },
    });
    // Exactly once without failures: nothing repeated.
    expect(read.records).toHaveLength(150);
    // Each disclosure in the access log, by partner and topic.
    const logged = accessLog.records.flatMap(({ channel, partnerId, topic, entries }) =>
      entries.map((entry) => [channel, partnerId, topic, entry.event.id]),
    );
    const all = await feed.readAll(0, 1_000);
    expect(logged).toHaveLength(150);
    // A batch's disclosures to both partners (the feed alternates them) in one write.
    expect(accessLog.records).toHaveLength(2 * accessLog.writes);
    expect(new Set(logged.map((row) => row.join(' ')))).toEqual(
      new Set(
        all.map((entry) =>
          [
            'kafka',
            entry.partnerId,
            topics[entry.partnerId as 'ggz' | 'werk'],
            entry.event.id,
          ].join(' '),
        ),
      ),
    );
  });

  it('resumes after a restart from its checkpoint, without loss', async () => {
    if (!started.available) return;
    const { feed, relay, reader, topics } = await scene(started.cluster);
    fill(feed, 300);
    const read = await reader();
    const first = relay({ batchSize: 10 });
    first.start();
    await waitUntil(() => read.records.length >= 40, 'the first batches');
    await first.stop();
    const stoppedAt = first.status().checkpoint!;
    fill(feed, 100, 300);

    relay().start();

    await expectDelivered(read, feed, topics);
    expect(stoppedAt).toBeGreaterThanOrEqual(40);
    // A graceful stop stores what it produced: nothing is produced twice.
    expect(read.records).toHaveLength(400);
  });

  it('hands over to a standby when the leader loses its database session mid-stream', async () => {
    if (!started.available) return;
    const { feed, relay, reader, topics } = await scene(started.cluster);
    fill(feed, 400);
    const read = await reader();
    const leader = relay({ batchSize: 10 });
    leader.start();
    await waitUntil(() => leader.status().leader, 'a leader');
    const standby = relay({ batchSize: 10 });
    standby.start();
    await waitUntil(() => read.records.length >= 50, 'the first batches');

    // What a crash does to the leader: its connection, and with it the lock, is gone.
    await db.pool.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks
       WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()`,
    );

    await expectDelivered(read, feed, topics);
    expect(standby.status().leader || leader.status().leader).toBe(true);
  });

  it('delivers the backlog in order after the broker was down', async () => {
    if (!started.available) return;
    const { cluster } = started;
    if (cluster.kind !== 'mock') return;
    const { feed, relay, reader, topics } = await scene(cluster);
    const read = await reader();
    const running = relay({ batchSize: 20 });
    running.start();
    fill(feed, 40);
    await waitUntil(() => read.records.length >= 40, 'the first events');

    await cluster.brokerDown();
    fill(feed, 200, 40);
    await waitUntil(() => running.status().lastError !== undefined, 'the relay to notice');
    // The outage shows: failed produces per partner, and the relay's lag in this process.
    expect(await kafkaFailures()).toBeGreaterThan(0);
    const lag = (await workerLag.sample()).get(`kafka-relay:${running.status().name}`);
    expect(lag?.events).toBeGreaterThan(0);
    await cluster.brokerUp();

    await expectDelivered(read, feed, topics);
    await waitUntil(async () => (await running.lag())?.events === 0, 'the lag to clear');
    expect(await running.lag()).toEqual({ events: 0, seconds: 0 });
  });

  /** Failed produce attempts counted for this file's partners, from the metrics registry. */
  async function kafkaFailures(): Promise<number> {
    const metric = await register.getSingleMetric('samenloop_delivery_failures_total')?.get();
    return (metric?.values ?? [])
      .filter(({ labels }) => labels.channel === 'kafka')
      .reduce((sum, { value }) => sum + value, 0);
  }
});
