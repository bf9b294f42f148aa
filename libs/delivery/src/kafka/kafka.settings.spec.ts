import { kafkaSettingsFrom } from './kafka.settings';

describe('the Kafka settings', () => {
  it('are off without KAFKA_BROKERS', () => {
    const settings = kafkaSettingsFrom({ KAFKA_TOPIC_PREFIX: 'samenloop', WORKERS: 'on' });

    expect(settings.enabled).toBe(false);
    expect(settings.topicPrefix).toBe('samenloop');
    expect(settings.intakeGroup).toBe('samenloop.intake');
    expect(settings.workers).toBe(true);
  });

  it('read the brokers, the prefix and WORKERS', () => {
    const settings = kafkaSettingsFrom({
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
});
