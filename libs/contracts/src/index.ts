export {
  dataSchemaUrl,
  HUB_SOURCE,
  INVOLVEMENT_MATCHED,
} from './catalogue/outbound-event.catalogue';
export type { OutboundEventName, OutboundEventType } from './catalogue/outbound-event.catalogue';
export { OutboundCloudEventSchema } from './schemas/cloud-event.schema';
export type { OutboundCloudEvent, OutboundCloudEventOf } from './schemas/cloud-event.schema';
export { OUTBOUND_EVENT_SCHEMAS, OUTBOUND_EVENT_TYPES } from './schemas/outbound-event.schema';
export type { OutboundData } from './schemas/outbound-event.schema';
export { ProblemSchema } from './schemas/problem.schema';
export { buildOutboundEvent } from './outbound/outbound-event-builder';
export type {
  Identity,
  OutboundEntitlement,
  OutboundEventInput,
} from './outbound/outbound-event-builder';
export {
  CLOUDEVENTS_BATCH_MEDIA_TYPE,
  CLOUDEVENTS_MEDIA_TYPE,
  DATA_MEDIA_TYPE,
  sourceOf,
} from './inbound/cloud-event-types';
export type { CloudEvent, CloudEventOf, PersonData, WireData } from './inbound/cloud-event-types';
export { validateCloudEvent } from './inbound/cloud-event-validator';
export type { CloudEventCheck } from './inbound/cloud-event-validator';
export { INBOUND_EXAMPLES, inboundExampleEvent } from './inbound/inbound-event-examples';
export { OUTBOUND_EXAMPLES } from './schemas/outbound-event-examples';
export {
  inboundCloudEventRef,
  inboundDataSchema,
  inboundEventSchema,
  inboundOpenApiSchemas,
} from './inbound/inbound-event.schema';
export type { JsonSchema } from './inbound/inbound-event.schema';
export { INTAKE_PROBLEMS } from './inbound/intake-problem.catalogue';
export type { IntakeProblemCode } from './inbound/intake-problem.catalogue';
export { AsyncApiController } from './asyncapi/asyncapi.controller';
export { generateAsyncApiDocument } from './asyncapi/asyncapi-generator';
export type { AsyncApiDocument } from './asyncapi/asyncapi-generator';
export { HTTP_DELIVERY_PATHS, partnerTopics } from './asyncapi/delivery-channels';
export { ContractsModule } from './contracts.module';
export type * from './dashboard/dashboard.contract';
