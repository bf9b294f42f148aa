import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { AppConfig, KafkaSettings, kafkaSettingsFrom } from '@samenloop/platform';
import { KafkaTuning, KafkaWorkers } from './kafka-workers';

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
 * The Kafka relay: partner feed -> `<prefix>.<partnerId>.events.v1`. Off unless KAFKA_BROKERS is
 * set. Needs the platform's global ConfigModule and DatabaseModule (with `kafkaMigrations`) and
 * the feed (`feed`). The inbound topics are the intake's (libs/intake, KafkaIntakeModule).
 */
@Module({})
export class KafkaModule {
  static forRoot(options: KafkaModuleOptions): DynamicModule {
    return {
      module: KafkaModule,
      imports: [options.feed],
      providers: [
        {
          provide: KafkaSettings,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => options.settings ?? kafkaSettingsFrom(config),
        },
        { provide: KafkaTuning, useValue: Object.assign(new KafkaTuning(), options.tuning) },
        KafkaWorkers,
      ],
      exports: [KafkaWorkers],
    };
  }
}
