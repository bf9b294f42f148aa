import { join } from 'node:path';
import { Module } from '@nestjs/common';
import { AuditModule, auditMigrations } from '@samenloop/audit';
import { ContractsModule, inboundOpenApiSchemas } from '@samenloop/contracts';
import {
  DeliveryModule,
  deliveryMigrations,
  KafkaModule,
  kafkaMigrations,
} from '@samenloop/delivery';
import { EventStoreModule, eventStoreMigrations } from '@samenloop/event-store';
import {
  ConfigModule,
  DatabaseModule,
  HealthModule,
  LoggingModule,
  MetricsModule,
  ProtectionModule,
  SecretsModule,
  securitySchemes,
  StaticPageModule,
  type HttpAppOptions,
} from '@samenloop/platform';
import { IntakeModule, intakeMigrations, KafkaIntakeModule } from '@samenloop/intake';
import { ReadModelsModule, readModelsMigrations } from '@samenloop/read-models';
import { AuditorSignInModule, SESSION_COOKIE } from '@samenloop/identity';
import { SharingModule, sharingMigrations } from '@samenloop/sharing';

// One object for both imports: Nest tells dynamic modules apart by reference.
const delivery = DeliveryModule.forRoot();

/** The hub process: composition only; every behaviour lives in a lib. */
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
      ...readModelsMigrations,
    ]),
    SecretsModule,
    ProtectionModule,
    HealthModule,
    MetricsModule,
    EventStoreModule.forRoot(),
    // Auditors sign in as the dashboard's professionals do; the access log names them.
    AuditModule.forRoot({ auditorSignIn: AuditorSignInModule }),
    SharingModule,
    IntakeModule,
    ContractsModule,
    delivery,
    // On when KAFKA_BROKERS is set.
    KafkaModule.forRoot({ feed: delivery }),
    KafkaIntakeModule.forRoot(),
    ReadModelsModule,
    // The dashboard, built by Vite into dist/dashboard beside dist/apps.
    StaticPageModule.forRoot({ prefix: '/dashboard', root: join(__dirname, '../../../dashboard') }),
  ],
})
export class HubModule {}

export const HUB_HTTP_OPTIONS: HttpAppOptions = {
  openApi: {
    title: 'Samenloop hub',
    description:
      'Event-sourced integration hub for the partners around a client in the Dutch social domain. ' +
      'Every error is an RFC 9457 problem document (application/problem+json). What partners ' +
      'post and receive: docs/inbound.md and docs/outbound.md in the repository, the event ' +
      'channels at /asyncapi.json.',
    securitySchemes: securitySchemes(SESSION_COOKIE),
    schemas: inboundOpenApiSchemas(),
  },
};
