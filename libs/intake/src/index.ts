import { receiptsMigrations } from './receipts/receipts.migrations';

export { IntakeModule } from './intake.module';
export { KafkaIntakeModule } from './kafka/kafka-intake.module';
export type { KafkaIntakeModuleOptions } from './kafka/kafka-intake.module';
export { KafkaIntakeWorker } from './kafka/kafka-intake-worker';
export type { Receipt } from './receipts/receipt-types';
export { RecordPartnerEventCommand } from './record-event/record-partner-event.command';
export type { Publisher, RecordedPartnerEvent } from './record-event/record-partner-event.command';

export const intakeMigrations = [...receiptsMigrations];
