import type { AppConfig } from '@samenloop/platform';

type KafkaConfig = Pick<AppConfig, 'KAFKA_BROKERS' | 'KAFKA_TOPIC_PREFIX' | 'WORKERS'>;

/** How this process reaches Kafka, and whether it runs the relay and the intake. */
export class KafkaSettings {
  /** `host:port` of each seed broker; none when KAFKA_BROKERS is unset: Kafka stays off. */
  readonly brokers: readonly string[];
  readonly topicPrefix: string;
  /**
   * The intake's consumer group: one per hub deployment (named by its topic prefix), so that the
   * processes of one deployment share the inbound partitions out.
   */
  readonly intakeGroup: string;
  readonly clientId: string;
  /** False with WORKERS=off: another process (apps/relay) runs the relay and the intake. */
  readonly workers: boolean;

  constructor(init: {
    brokers: readonly string[];
    topicPrefix: string;
    intakeGroup?: string;
    clientId?: string;
    workers?: boolean;
  }) {
    this.brokers = [...init.brokers];
    this.topicPrefix = init.topicPrefix;
    this.intakeGroup = init.intakeGroup ?? `${init.topicPrefix}.intake`;
    this.clientId = init.clientId ?? 'samenloop';
    this.workers = init.workers ?? true;
  }

  get enabled(): boolean {
    return this.brokers.length > 0;
  }
}

/** The settings in the validated configuration (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, WORKERS). */
export function kafkaSettingsFrom(config: KafkaConfig): KafkaSettings {
  return new KafkaSettings({
    brokers: (config.KAFKA_BROKERS ?? '')
      .split(',')
      .map((broker) => broker.trim())
      .filter((broker) => broker !== ''),
    topicPrefix: config.KAFKA_TOPIC_PREFIX,
    workers: config.WORKERS === 'on',
  });
}
