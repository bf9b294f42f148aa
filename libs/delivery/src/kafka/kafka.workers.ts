import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { PartnerRegistry } from '@samenloop/sharing';
import { Pool } from 'pg';
import { DeliveryAccessLog } from '../access/delivery-access.log';
import { PartnerFeed } from '../feed/partner-feed.types';
import { InboundRecordHandler } from './intake/inbound-record.handler';
import {
  KafkaIntake,
  type KafkaIntakeOptions,
  type KafkaIntakeStatus,
} from './intake/kafka.intake';
import { createKafka } from './kafka.client';
import { KafkaSettings } from './kafka.settings';
import { createKafkaRelay } from './relay/kafka-relay.factory';
import type { KafkaRelay, KafkaRelayOptions, KafkaRelayStatus } from './relay/kafka.relay';
import { TopicProvisioner } from './topic.provisioner';

/** Tuning of the relay and the intake; the defaults suit production, tests shorten them. */
export class KafkaTuning {
  relay: Partial<Omit<KafkaRelayOptions, 'topicPrefix'>> = {};
  intake: Partial<Omit<KafkaIntakeOptions, 'topicPrefix' | 'groupId'>> = {};
}

export interface KafkaWorkersStatus {
  enabled: boolean;
  relay?: KafkaRelayStatus;
  intake?: KafkaIntakeStatus;
}

/**
 * Runs the relay and the intake when KAFKA_BROKERS is set, in every process unless WORKERS=off.
 * Any number of processes may run them: one relay leads (the others stand by) and the intake's
 * consumer group shares the partitions out.
 */
@Injectable()
export class KafkaWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(KafkaWorkers.name);
  private relay?: KafkaRelay;
  private intake?: KafkaIntake;

  constructor(
    private readonly settings: KafkaSettings,
    private readonly tuning: KafkaTuning,
    private readonly feed: PartnerFeed,
    private readonly accessLog: DeliveryAccessLog,
    private readonly pool: Pool,
    private readonly partners: PartnerRegistry,
    private readonly handler: InboundRecordHandler,
  ) {}

  onApplicationBootstrap(): void {
    const { settings } = this;
    if (!settings.enabled) {
      this.logger.log('KAFKA_BROKERS is unset: partners are served over HTTP only');
      return;
    }
    if (!settings.workers) {
      this.logger.log('WORKERS=off: the Kafka relay and intake run in another process');
      return;
    }
    const intakeKafka = createKafka(settings, 'intake');
    this.relay = createKafkaRelay(
      this.feed,
      this.accessLog,
      this.pool,
      settings,
      this.tuning.relay,
      (error) => this.logger.warn(`relay database session: ${error.message}`),
    );
    this.intake = new KafkaIntake(
      intakeKafka,
      this.partners,
      this.handler,
      new TopicProvisioner(intakeKafka),
      { ...this.tuning.intake, topicPrefix: settings.topicPrefix, groupId: settings.intakeGroup },
    );
    this.relay.start();
    this.intake.start();
    this.logger.log(
      `Kafka relay and intake started (brokers ${settings.brokers.join(',')}, ${settings.describeSecurity()}, topics ${settings.topicPrefix}.<partner>.*)`,
    );
  }

  // Before the pool ends (at shutdown, after this): the relay stores its last checkpoint.
  async onModuleDestroy(): Promise<void> {
    await Promise.all([this.relay?.stop(), this.intake?.stop()]);
  }

  status(): KafkaWorkersStatus {
    return {
      enabled: this.settings.enabled && this.settings.workers,
      ...(this.relay ? { relay: this.relay.status() } : {}),
      ...(this.intake ? { intake: this.intake.status() } : {}),
    };
  }
}
