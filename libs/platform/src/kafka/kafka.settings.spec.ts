import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/config.errors';
import { kafkaClientConfig } from './kafka.client';
import { kafkaSettingsFrom } from './kafka.settings';

const PLAIN = { KAFKA_TOPIC_PREFIX: 'samenloop', WORKERS: 'on', KAFKA_SSL: 'off' } as const;

describe('the Kafka settings', () => {
  it('are off without KAFKA_BROKERS', () => {
    const settings = kafkaSettingsFrom(PLAIN);

    expect(settings.enabled).toBe(false);
    expect(settings.topicPrefix).toBe('samenloop');
    expect(settings.intakeGroup).toBe('samenloop.intake');
    expect(settings.workers).toBe(true);
  });

  it('read the brokers, the prefix and WORKERS', () => {
    const settings = kafkaSettingsFrom({
      ...PLAIN,
      KAFKA_BROKERS: 'kafka-1:9092,kafka-2:9092',
      KAFKA_TOPIC_PREFIX: 'acc',
      WORKERS: 'off',
    });

    expect(settings.enabled).toBe(true);
    expect(settings).toMatchObject({
      brokers: ['kafka-1:9092', 'kafka-2:9092'],
      topicPrefix: 'acc',
      intakeGroup: 'acc.intake',
      workers: false,
    });
  });

  describe('secure every client', () => {
    let folder: string;
    beforeAll(() => (folder = mkdtempSync(join(tmpdir(), 'samenloop-kafka-ca-'))));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('without TLS or SASL unless configured', () => {
      const settings = kafkaSettingsFrom({ ...PLAIN, KAFKA_BROKERS: 'kafka:9092' });
      const config = kafkaClientConfig(settings, 'relay');

      expect(config).toEqual({
        clientId: 'samenloop-relay',
        brokers: ['kafka:9092'],
        retry: expect.any(Object),
      });
      expect(settings.describeSecurity()).toBe('plaintext');
    });

    it('with TLS trusting the CA file read at start, and SCRAM as the hub', () => {
      const ca = join(folder, 'ca.pem');
      writeFileSync(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
      const settings = kafkaSettingsFrom({
        ...PLAIN,
        KAFKA_BROKERS: 'kafka:9093',
        KAFKA_SSL: 'on',
        KAFKA_SSL_CA: ca,
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'samenloop-hub',
        KAFKA_SASL_PASSWORD: 'hub-secret',
      });

      expect(kafkaClientConfig(settings, 'intake')).toMatchObject({
        clientId: 'samenloop-intake',
        brokers: ['kafka:9093'],
        ssl: { ca: ['-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'] },
        sasl: { mechanism: 'scram-sha-512', username: 'samenloop-hub', password: 'hub-secret' },
      });
      expect(settings.describeSecurity()).toBe('TLS, SASL scram-sha-512 as samenloop-hub');
    });

    it("with TLS trusting the system's CAs when no CA file is named", () => {
      const settings = kafkaSettingsFrom({
        ...PLAIN,
        KAFKA_BROKERS: 'kafka:9093',
        KAFKA_SSL: 'on',
      });

      expect(kafkaClientConfig(settings, 'relay').ssl).toBe(true);
    });

    it('with SASL over plaintext where TLS ends elsewhere', () => {
      const settings = kafkaSettingsFrom({
        ...PLAIN,
        KAFKA_BROKERS: 'kafka:9092',
        KAFKA_SASL_MECHANISM: 'scram-sha-256',
        KAFKA_SASL_USERNAME: 'samenloop-hub',
        KAFKA_SASL_PASSWORD: 'hub-secret',
      });

      expect(kafkaClientConfig(settings, 'relay')).toMatchObject({
        sasl: { mechanism: 'scram-sha-256', username: 'samenloop-hub', password: 'hub-secret' },
      });
      expect(kafkaClientConfig(settings, 'relay').ssl).toBeUndefined();
    });

    it('stop with one line naming KAFKA_SSL_CA when the file cannot be read', () => {
      const missing = join(folder, 'no-such-ca.pem');

      expect(() => kafkaSettingsFrom({ ...PLAIN, KAFKA_SSL: 'on', KAFKA_SSL_CA: missing })).toThrow(
        new ConfigError(`Invalid configuration: KAFKA_SSL_CA ${missing} cannot be read (ENOENT)`),
      );
    });
  });
});
