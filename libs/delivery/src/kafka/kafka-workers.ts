import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { KafkaSettings } from '@samenloop/platform';
import { Pool } from 'pg';
import { DeliveryAccessLog } from '../access/delivery-access-log';
import { PartnerFeed } from '../feed/partner-feed-types';
import { createKafkaRelay } from './relay/kafka-relay-factory';
import type { KafkaRelay, KafkaRelayOptions, KafkaRelayStatus } from './relay/kafka-relay';

/** Tuning of the relay; the defaults suit production, tests shorten them. */
export class KafkaTuning {
  relay: Partial<Omit<KafkaRelayOptions, 'topicPrefix'>> = {};
}

export interface KafkaWorkersStatus {
  enabled: boolean;
  relay?: KafkaRelayStatus;
}

/**
 * Runs the relay when KAFKA_BROKERS is set, in every process unless WORKERS=off. Any number of
 * processes may run it: one relay leads, the others stand by.
 */
@Injectable()
export class KafkaWorkers implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(KafkaWorkers.name);
  private relay?: KafkaRelay;

  constructor(
    private readonly settings: KafkaSettings,
    private readonly tuning: KafkaTuning,
    private readonly feed: PartnerFeed,
    private readonly accessLog: DeliveryAccessLog,
    private readonly pool: Pool,
  ) {}

  onApplicationBootstrap(): void {
    const { settings } = this;
    if (!settings.enabled) {
      this.logger.log('KAFKA_BROKERS is unset: partners are served over HTTP only');
      return;
    }
    if (!settings.workers) {
      this.logger.log('WORKERS=off: the Kafka relay runs in another process');
      return;
    }
    this.relay = createKafkaRelay(
      this.feed,
      this.accessLog,
      this.pool,
      settings,
      this.tuning.relay,
      (error) => this.logger.warn(`relay database session: ${error.message}`),
    );
    this.relay.start();
    this.logger.log(
      `Kafka relay started (brokers ${settings.brokers.join(',')}, ${settings.describeSecurity()}, topics ${settings.topicPrefix}.<partner>.*)`,
    );
  }

  // Before the pool ends (at shutdown, after this): the relay stores its last checkpoint.
  async onModuleDestroy(): Promise<void> {
    await this.relay?.stop();
  }

  status(): KafkaWorkersStatus {
    return {
      enabled: this.settings.enabled && this.settings.workers,
      ...(this.relay ? { relay: this.relay.status() } : {}),
    };
  }
}
