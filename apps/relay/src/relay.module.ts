import { Module } from '@nestjs/common';
import { auditMigrations } from '@samenloop/audit';
import { KeyVaultModule } from '@samenloop/privacy';
import {
  DeliveryModule,
  deliveryMigrations,
  KafkaModule,
  kafkaMigrations,
} from '@samenloop/delivery';
import { EventStoreModule, eventStoreMigrations } from '@samenloop/event-store';
import { IntakeModule, intakeMigrations, KafkaIntakeModule } from '@samenloop/intake';
import {
  ConfigModule,
  DatabaseModule,
  HealthModule,
  LoggingModule,
  MetricsModule,
  ProtectionModule,
  SecretsModule,
  type HttpAppOptions,
} from '@samenloop/platform';
import { SharingModule, sharingMigrations } from '@samenloop/sharing';

// One object for both imports: Nest tells dynamic modules apart by reference.
const delivery = DeliveryModule.forRoot({ http: false });

/**
 * The relay process: the workers without the hub's API. The partner feed's materializer and the
 * webhook dispatcher (DeliveryModule), the Kafka relay (KafkaModule) and the Kafka intake
 * (KafkaIntakeModule), both on when KAFKA_BROKERS is set. Each worker leads or stands by across processes, so the hub may run them
 * too. Composition only; every behaviour lives in a lib.
 */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule.forRoot([
      ...eventStoreMigrations,
      ...sharingMigrations,
      ...auditMigrations,
      ...intakeMigrations,
      ...deliveryMigrations,
      ...kafkaMigrations,
    ]),
    SecretsModule,
    ProtectionModule,
    HealthModule,
    MetricsModule,
    EventStoreModule.forRoot(),
    KeyVaultModule,
    SharingModule,
    // The command path of the Kafka intake.
    IntakeModule,
    delivery,
    KafkaModule.forRoot({ feed: delivery }),
    KafkaIntakeModule.forRoot(),
  ],
})
export class RelayModule {}

export const RELAY_HTTP_OPTIONS: HttpAppOptions = {
  openApi: {
    title: 'Samenloop relay',
    description:
      'The relay process: delivers the partner feed to Kafka and webhooks and takes partners’ ' +
      'events from Kafka. Its own HTTP API is the health checks.',
  },
};
