import { receiptsMigrations } from './receipts/receipts.migrations';

export {
  CLOUDEVENTS_BATCH_MEDIA_TYPE,
  CLOUDEVENTS_MEDIA_TYPE,
  sourceOf,
} from './cloud-event/cloud-event.types';
export type {
  CloudEvent,
  CloudEventOf,
  PersonData,
  WireData,
} from './cloud-event/cloud-event.types';
export { validateCloudEvent } from './cloud-event/cloud-event.validator';
export { INBOUND_EXAMPLES, inboundExampleEvent } from './cloud-event/inbound-event.examples';
export {
  inboundDataSchema,
  inboundEventSchema,
  inboundOpenApiSchemas,
} from './cloud-event/inbound-event.schemas';
export type { JsonSchema } from './cloud-event/inbound-event.schemas';
export type { CloudEventCheck } from './cloud-event/cloud-event.validator';
export { IntakeModule } from './intake.module';
export { INTAKE_PROBLEMS } from './record-event/intake.problems';
export type { Receipt } from './receipts/receipt.types';
export { RecordPartnerEventCommand } from './record-event/record-partner-event.command';
export type { Publisher, RecordedPartnerEvent } from './record-event/record-partner-event.command';

export const intakeMigrations = [...receiptsMigrations];
