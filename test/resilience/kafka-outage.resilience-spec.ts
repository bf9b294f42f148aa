import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { partnerTopics } from '@samenloop/contracts';
import { PILOT_PARTNERS } from '@samenloop/operator';
import {
  firstSeenPerKey,
  startKafkaTestCluster,
  testKafka,
  TopicReader,
  type KafkaTestClusterResult,
} from '@samenloop/testing';
import { settledRecord, type HubRecord } from './support/hub-record';
import { PilotCluster, type PilotHub } from './support/pilot-hub';
import { moreAcknowledged, PLAN, startPilotLoad } from './support/pilot-load';

const OUTAGE_MS = 60_000;

/** A partner's feed as event ids per client reference (the Kafka key), in feed order. */
function feedPerSubject(record: HubRecord, partner: string): Record<string, string[]> {
  const perKey: Record<string, string[]> = {};
  const seen = new Set<string>();
  for (const row of record.feed) {
    if (row.partner !== partner || seen.has(row.eventId)) continue;
    seen.add(row.eventId);
    (perKey[row.subject] ??= []).push(row.eventId);
  }
  return perKey;
}

async function relayCaughtUp(hub: PilotHub, prefix: string, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await hub.query<{ behind: boolean }>(
      `SELECT coalesce((SELECT seq FROM kafka_relay_checkpoints WHERE name = $1), 0)
                < coalesce((SELECT max(seq) FROM partner_feed), 0) AS behind`,
      [prefix],
    );
    if (!row!.behind) return;
    if (Date.now() > deadline) throw new Error('the relay did not catch up with the feed');
    await sleep(500);
  }
}

describe('the Kafka relay when the broker is down for a minute under load', () => {
  let kafka: KafkaTestClusterResult;
  let cluster: PilotCluster;
  let hub: PilotHub | undefined;
  let reader: TopicReader | undefined;

  beforeAll(async () => {
    kafka = await startKafkaTestCluster();
    cluster = await PilotCluster.start();
  });

  afterAll(async () => {
    await reader?.stop();
    await hub?.stop();
    await cluster?.dispose();
    if (kafka?.available) await kafka.cluster.stop();
  });

  it('delivers the backlog afterwards: everything, in order per client', async () => {
    if (!kafka.available || kafka.cluster.kind !== 'mock') {
      console.warn(
        `SKIPPED: the broker outage needs librdkafka's mock cluster (${kafka.available ? 'KAFKA_BROKERS is an external cluster' : kafka.reason})`,
      );
      return;
    }
    const prefix = `resilience${randomBytes(3).toString('hex')}`;
    const topics = PILOT_PARTNERS.map(({ id }) => partnerTopics(prefix, id).events);
    // Several partitions, so that keeping each client's order is the key's doing.
    for (const topic of topics) await kafka.cluster.createTopic(topic, 3);
    hub = await cluster.newHub({
      KAFKA_BROKERS: kafka.cluster.brokers.join(','),
      KAFKA_TOPIC_PREFIX: prefix,
    });
    await hub.start();
    const load = await startPilotLoad(hub, PLAN);
    await moreAcknowledged(load, 100);

    await kafka.cluster.brokerDown();
    await sleep(OUTAGE_MS);
    await kafka.cluster.brokerUp();

    expect(await load.finished).toBe(0);
    const record = await settledRecord(hub);
    await relayCaughtUp(hub, prefix);
    expect(new Set(record.feed.map(({ partner }) => partner)).size).toBe(PILOT_PARTNERS.length);
    reader = await TopicReader.start(testKafka(kafka.cluster.brokers), topics);
    for (const { id } of PILOT_PARTNERS) {
      const expected = feedPerSubject(record, id);
      const total = Object.values(expected).flat().length;
      const topic = partnerTopics(prefix, id).events;
      const deadline = Date.now() + 60_000;
      while (new Set(reader.on(topic).map((r) => r.headers.ce_id)).size < total) {
        if (Date.now() > deadline) break;
        await sleep(200);
      }
      expect(Object.fromEntries(firstSeenPerKey(reader.on(topic)))).toEqual(expected);
    }
  });
});
