import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { Clock, SystemClock } from '@samenloop/privacy';
import { AppConfig } from '@samenloop/platform';
import { SharingModule } from '@samenloop/sharing';
import { InboundRecordHandler } from './intake/inbound-record.handler';
import { KafkaSettings, kafkaSettingsFrom } from './kafka.settings';
import { KafkaTuning, KafkaWorkers } from './kafka.workers';

export interface KafkaModuleOptions {
  /**
   * The module that provides the PartnerFeed: the app's own `DeliveryModule.forRoot()` object,
   * the same reference the app imports (Nest tells dynamic modules apart by reference, so a second
   * `forRoot()` would start a second feed).
   */
  feed: Type<unknown> | DynamicModule;
  /** Instead of the configuration (KAFKA_BROKERS, KAFKA_TOPIC_PREFIX, WORKERS), for tests. */
  settings?: KafkaSettings;
  tuning?: Partial<KafkaTuning>;
}

/**
 * The Kafka channels: the relay (partner feed -> `<prefix>.<partnerId>.events.v1`) and the intake
 * (`<prefix>.<partnerId>.inbound.v1` -> the intake's commands, refusals to `.rejected.v1`). Off
 * unless KAFKA_BROKERS is set. Needs the platform's global ConfigModule and DatabaseModule (with
 * `kafkaMigrations`), the intake's command handler (IntakeModule) and the feed (`feed`).
 */
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      imports: [CqrsModule, SharingModule, options.feed],
      providers: [
        {
          provide: KafkaSettings,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => options.settings ?? kafkaSettingsFrom(config),
        },
        { provide: KafkaTuning, useValue: Object.assign(new KafkaTuning(), options.tuning) },
        { provide: Clock, useClass: SystemClock },
        InboundRecordHandler,
        KafkaWorkers,
      ],
      exports: [KafkaWorkers],
    };
  }
}
