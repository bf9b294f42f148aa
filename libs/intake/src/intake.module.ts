import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessLogModule, ClockModule, KeyVaultModule } from '@samenloop/privacy';
import { CaseStatesModule, SharingModule } from '@samenloop/sharing';
import { ReceiptStore } from './receipts/receipt.store';
import { ClientCaseWriter } from './record-event/client-case-writer';
import { ClientResolver } from './record-event/client-resolver';
import { ContentHasher } from './record-event/content-hasher';
import { EventsController } from './record-event/events.controller';
import { IntakeCommitter } from './record-event/intake-committer';
import { RecordPartnerEventHandler } from './record-event/record-partner-event.handler';

/**
 * The partner intake: `POST /v1/events`. Needs the platform's global ConfigModule, DatabaseModule
 * (with `intakeMigrations` among the migrations) and SecretsModule, and the global EventStoreModule.
 */
@Module({
  imports: [
    CqrsModule,
    SharingModule,
    CaseStatesModule,
    KeyVaultModule,
    AccessLogModule,
    ClockModule,
  ],
  controllers: [EventsController],
  providers: [
    RecordPartnerEventHandler,
    ClientResolver,
    ClientCaseWriter,
    IntakeCommitter,
    ReceiptStore,
    ContentHasher,
  ],
})
export class IntakeModule {}
