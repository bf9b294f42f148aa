export {
  dataSchemaUrl,
  HUB_SOURCE,
  INVOLVEMENT_MATCHED,
  sourceOf,
} from './catalogue/outbound-event.catalogue';
export type { OutboundEventName, OutboundEventType } from './catalogue/outbound-event.catalogue';
export { OutboundCloudEventSchema } from './schemas/cloud-event.schema';
export type { OutboundCloudEvent, OutboundCloudEventOf } from './schemas/cloud-event.schema';
export { OUTBOUND_EVENT_SCHEMAS, OUTBOUND_EVENT_TYPES } from './schemas/outbound-event.schemas';
export type { OutboundData } from './schemas/outbound-event.schemas';
export { ProblemSchema } from './schemas/problem.schema';
export { buildOutboundEvent } from './outbound/outbound-event.builder';
export type { Identity, OutboundEventInput } from './outbound/outbound-event.builder';
export { AsyncApiController } from './asyncapi/asyncapi.controller';
export { generateAsyncApiDocument } from './asyncapi/asyncapi.generator';
export type { AsyncApiDocument } from './asyncapi/asyncapi.generator';
export {
  DEFAULT_TOPIC_PREFIX,
  HTTP_DELIVERY_PATHS,
  kafkaTopicPrefix,
  partnerTopics,
} from './asyncapi/delivery-channels';
export { ContractsModule } from './contracts.module';
export type * from './dashboard/dashboard.contract';
