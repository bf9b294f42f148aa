import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { createKafka, KafkaSettings, TopicProvisioner } from '@samenloop/platform';
import { PartnerRegistry } from '@samenloop/sharing';
import { InboundRecordHandler } from './inbound-record.handler';
import { KafkaIntake, type KafkaIntakeOptions, type KafkaIntakeStatus } from './kafka-intake';

/** Tuning of the Kafka intake; the defaults suit production, tests shorten them. */
export class KafkaIntakeTuning {
  intake: Partial<Omit<KafkaIntakeOptions, 'topicPrefix' | 'groupId'>> = {};
}

export interface KafkaIntakeWorkerStatus {
  enabled: boolean;
  intake?: KafkaIntakeStatus;
}

/**
 * Runs the Kafka intake when KAFKA_BROKERS is set, in every process unless WORKERS=off. Any number
 * of processes may run it: the intake's consumer group shares the partitions out.
 */
@Injectable()
export class KafkaIntakeWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(KafkaIntakeWorker.name);
  private intake?: KafkaIntake;

  constructor(
    private readonly settings: KafkaSettings,
    private readonly tuning: KafkaIntakeTuning,
    private readonly partners: PartnerRegistry,
    private readonly handler: InboundRecordHandler,
  ) {}

  onApplicationBootstrap(): void {
    const { settings } = this;
    // Without KAFKA_BROKERS the relay says that partners are served over HTTP only.
    if (!settings.enabled) return;
    if (!settings.workers) {
      this.logger.log('WORKERS=off: the Kafka intake runs in another process');
      return;
    }
    const kafka = createKafka(settings, 'intake');
    this.intake = new KafkaIntake(kafka, this.partners, this.handler, new TopicProvisioner(kafka), {
      ...this.tuning.intake,
      topicPrefix: settings.topicPrefix,
      groupId: settings.intakeGroup,
    });
    this.intake.start();
    this.logger.log(
      `Kafka intake started (brokers ${settings.brokers.join(',')}, ${settings.describeSecurity()}, topics ${settings.topicPrefix}.<partner>.inbound.v1)`,
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.intake?.stop();
  }

  status(): KafkaIntakeWorkerStatus {
    return {
      enabled: this.settings.enabled && this.settings.workers,
      ...(this.intake ? { intake: this.intake.status() } : {}),
    };
  }
}
