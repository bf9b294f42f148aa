import { receiptsMigrations } from './receipts/receipts.migrations';

export { Clock, SystemClock } from './clock.port';
export { IntakeModule } from './intake.module';
export type { Receipt } from './receipts/receipt.types';
export { RecordPartnerEventCommand } from './record-event/record-partner-event.command';
export type { Publisher, RecordedPartnerEvent } from './record-event/record-partner-event.command';

export const intakeMigrations = [...receiptsMigrations];
