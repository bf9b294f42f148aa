import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { startKafkaTestCluster, type KafkaTestClusterResult } from './kafka-test-cluster';

describe('the Kafka test cluster', () => {
  let started: KafkaTestClusterResult;
  beforeAll(async () => {
    started = await startKafkaTestCluster();
    if (!started.available) process.stderr.write(`\nKAFKA TESTS SKIPPED: ${started.reason}\n\n`);
  });
  afterAll(async () => {
    if (started.available) await started.cluster.stop();
  });

  it('carries messages from a producer to a consumer group', async () => {
    if (!started.available) {
      expect(started.reason).toMatch(/librdkafka/);
      return;
    }
    const { cluster } = started;
    const topic = `test-${randomUUID()}`;
    await cluster.createTopic(topic, 2);
    const kafka = new Kafka({ brokers: cluster.brokers, logLevel: logLevel.NOTHING });
    const producer = kafka.producer();
    await producer.connect();
    await producer.send({
      topic,
      acks: -1,
      messages: [
        { key: 'a', value: 'one' },
        { key: 'a', value: 'two' },
      ],
    });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId: `group-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: string[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message }) => {
          received.push(message.value!.toString());
          if (received.length === 2) resolve();
        },
      });
    });
    await consumer.disconnect();
    expect(received).toEqual(['one', 'two']);
  });
});
