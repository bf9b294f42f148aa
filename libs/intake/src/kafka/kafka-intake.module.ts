import { type DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppConfig, KafkaSettings, kafkaSettingsFrom } from '@samenloop/platform';
import { SharingModule } from '@samenloop/sharing';
import { ClockModule } from '@samenloop/privacy';
import { InboundRecordHandler } from './inbound-record.handler';
import { KafkaIntakeTuning, KafkaIntakeWorker } from './kafka-intake-worker';

export interface KafkaIntakeModuleOptions {
  /** Instead of the configuration (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, WORKERS), for tests. */
  settings?: KafkaSettings;
  tuning?: Partial<KafkaIntakeTuning>;
}

/**
 * The Kafka intake: `<prefix>.<partnerId>.inbound.v1` -> the intake's commands, refusals to
 * `.rejected.v1`. Off unless KAFKA_BROKERS is set. Needs the platform's global ConfigModule and
 * DatabaseModule, and the intake's command handler (IntakeModule).
 */
@Module({})
export class KafkaIntakeModule {
  static forRoot(options: KafkaIntakeModuleOptions = {}): DynamicModule {
    return {
      module: KafkaIntakeModule,
      imports: [CqrsModule, SharingModule, ClockModule],
      providers: [
        {
          provide: KafkaSettings,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => options.settings ?? kafkaSettingsFrom(config),
        },
        {
          provide: KafkaIntakeTuning,
          useValue: Object.assign(new KafkaIntakeTuning(), options.tuning),
        },
        InboundRecordHandler,
        KafkaIntakeWorker,
      ],
      exports: [KafkaIntakeWorker],
    };
  }
}
