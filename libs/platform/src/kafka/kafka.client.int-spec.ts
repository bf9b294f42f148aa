import { Logger } from '@nestjs/common';
import { startKafkaTestCluster, type KafkaTestClusterResult } from '@samenloop/testing';
import { createKafka } from './kafka.client';
import { KafkaSettings } from './kafka.settings';

// librdkafka's mock cluster speaks neither SASL nor TLS, so a broker that checks credentials cannot
// be run here: these tests show that the hub's clients, once configured, insist on SASL and TLS
// instead of falling back to an unauthenticated plaintext session.
describe('the hub’s Kafka clients on a broker without SASL or TLS', () => {
  let started: KafkaTestClusterResult;
  beforeAll(async () => {
    // kafkajs's reconnect lines go to Nest's debug level, which the default logger prints.
    Logger.overrideLogger(['warn', 'error']);
    started = await startKafkaTestCluster();
    if (!started.available) process.stderr.write(`\nKAFKA TESTS SKIPPED: ${started.reason}\n\n`);
  });
  afterAll(async () => {
    if (started.available) await started.cluster.stop();
  });

  async function connect(security: Partial<Pick<KafkaSettings, 'ssl' | 'sasl'>>) {
    if (!started.available || started.cluster.kind !== 'mock') return 'skipped';
    const settings = new KafkaSettings({
      brokers: started.cluster.brokers,
      topicPrefix: 'security',
      ...security,
    });
    const admin = createKafka(settings, 'test').admin();
    try {
      await admin.connect();
      await admin.listTopics();
      return 'connected';
    } catch (error) {
      return `refused: ${(error as Error).name}`;
    } finally {
      await admin.disconnect();
    }
  }

  it('connect without security when none is configured', async () => {
    expect(await connect({})).toMatch(/^(connected|skipped)$/);
  });

  it('do not go on unauthenticated when SASL is configured', async () => {
    const outcome = await connect({
      sasl: { mechanism: 'scram-sha-512', username: 'samenloop-hub', password: 'hub-secret' },
    });

    // The mock knows no SaslHandshake request: the client stops there, before any other request.
    expect(outcome).toMatch(/^(refused: KafkaJSServerDoesNotSupportApiKey|skipped)$/);
  });

  it('do not go on in plaintext when TLS is configured', async () => {
    // The mock answers a TLS ClientHello by closing the connection, on every retry.
    expect(await connect({ ssl: true })).toMatch(
      /^(refused: KafkaJSNumberOfRetriesExceeded|skipped)$/,
    );
  });
});
