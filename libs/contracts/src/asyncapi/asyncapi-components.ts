import type { TSchema } from '@sinclair/typebox';
import { EVENT_TYPES, type EventType } from '@samenloop/domain';
import { CLOUDEVENTS_BATCH_MEDIA_TYPE, CLOUDEVENTS_MEDIA_TYPE } from '../inbound/cloud-event-types';
import { inboundExampleEvent } from '../inbound/inbound-event-examples';
import {
  inboundDataSchema,
  inboundEventSchema,
  type JsonSchema,
} from '../inbound/inbound-event.schema';
import { type OutboundEventType, versionedName } from '../catalogue/outbound-event.catalogue';
import { OutboundCloudEventSchema } from '../schemas/cloud-event.schema';
import { OUTBOUND_EXAMPLES } from '../schemas/outbound-event-examples';
import { OUTBOUND_EVENT_SCHEMAS, OUTBOUND_EVENT_TYPES } from '../schemas/outbound-event.schema';
import { ProblemSchema } from '../schemas/problem.schema';

type Json = Record<string, unknown>;

export const ref = (pointer: string) => ({ $ref: pointer });
const schemaRef = (id: string) => ref(`#/components/schemas/${id}`);

/** The name of the schema of a type's event in structured mode (envelope and data in one JSON). */
const structuredId = (type: OutboundEventType) => `${versionedName(type)}.event`;

const string = (description?: string) => ({ type: 'string', ...(description && { description }) });

/**
 * CloudEvents Kafka binding, binary mode: every attribute of the envelope but `data` travels as a
 * `ce_` header, `datacontenttype` as `content-type`, and `data` as the record value. Headers are
 * UTF-8 text, so the cursor is written in decimal.
 */
function binaryHeaders(type: OutboundEventType): Json {
  const { properties } = OutboundCloudEventSchema;
  const required: readonly string[] = OutboundCloudEventSchema.required ?? [];
  const attributes = Object.entries(properties as Record<string, TSchema>).filter(
    ([name]) => name !== 'data' && name !== 'datacontenttype',
  );
  const asText = (schema: TSchema) =>
    schema.type === 'integer'
      ? { type: 'string', pattern: '^[0-9]+$', description: schema.description }
      : schema;
  return {
    type: 'object',
    properties: {
      ...Object.fromEntries(attributes.map(([name, schema]) => [`ce_${name}`, asText(schema)])),
      ce_type: { type: 'string', const: type },
      'content-type': { type: 'string', const: 'application/json' },
    },
    required: [
      ...attributes.filter(([name]) => required.includes(name)).map(([name]) => `ce_${name}`),
      'content-type',
    ],
  };
}

const PARTNER_REFERENCE_KEY = {
  kafka: {
    key: string("the receiving partner's own reference for the client: one client, one partition"),
    bindingVersion: '0.5.0',
  },
};

function outboundMessages(): Json {
  return Object.fromEntries(
    OUTBOUND_EVENT_TYPES.map((type) => [
      versionedName(type),
      {
        name: type,
        title: type,
        contentType: 'application/json',
        headers: binaryHeaders(type),
        payload: schemaRef(versionedName(type)),
        bindings: PARTNER_REFERENCE_KEY,
        examples: [{ name: 'entitled-to-all', payload: OUTBOUND_EXAMPLES[type] }],
      },
    ]),
  );
}

const anyOutboundEvent = {
  oneOf: OUTBOUND_EVENT_TYPES.map((type) => schemaRef(structuredId(type))),
};

/** Standard Webhooks: the receiver checks the signature over id, timestamp and body. */
const WEBHOOK_HEADERS = {
  type: 'object',
  properties: {
    'webhook-id': string('the event id; the same on every retry'),
    'webhook-timestamp': string('seconds since the epoch'),
    'webhook-signature': string('v1,<base64 HMAC-SHA256> with the secret agreed at registration'),
  },
  required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
};

const inboundId = (type: EventType) => `inbound.${versionedName(type)}`;
const inboundEventId = (type: EventType) => `${inboundId(type)}.event`;

const INBOUND_KEY = {
  kafka: { key: string('the sender’s own reference for the client'), bindingVersion: '0.5.0' },
};

/** CloudEvents Kafka binding, binary mode, as a partner publishes an event of `type`. */
function inboundHeaders(type: EventType): Json {
  return {
    type: 'object',
    properties: {
      ce_specversion: { type: 'string', const: '1.0' },
      ce_id: string('chosen by the sender, 1-128 characters; with the source unique for ever'),
      ce_source: string('urn:samenloop:partner:<partnerId>, the partner that owns the topic'),
      ce_type: { type: 'string', const: type },
      ce_subject: string('the client as the sender knows it: its own reference'),
      ce_time: string('RFC 3339, at most 5 minutes in the future'),
      ce_actor: string('the professional at the partner, an opaque id'),
      'content-type': { type: 'string', const: 'application/json' },
    },
    required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_subject', 'ce_time'],
  };
}

/** One message per inbound type in binary mode (its data the value), and any in structured mode. */
function inboundMessages(): Json {
  const binary = EVENT_TYPES.map((type) => {
    const { data, type: _type, datacontenttype: _media, ...attributes } = inboundExampleEvent(type);
    return [
      inboundId(type),
      {
        name: type,
        title: `${type} (binary mode)`,
        contentType: 'application/json',
        headers: inboundHeaders(type),
        payload: schemaRef(inboundId(type)),
        bindings: INBOUND_KEY,
        examples: [
          {
            name: 'example',
            headers: {
              ...Object.fromEntries(
                Object.entries(attributes).map(([name, value]) => [`ce_${name}`, value]),
              ),
              ce_type: type,
              'content-type': 'application/json',
            },
            payload: data,
          },
        ],
      },
    ];
  });
  return {
    ...Object.fromEntries(binary),
    'inbound.structured': {
      name: 'inbound-structured',
      title: 'A partner’s event in structured mode: the whole CloudEvent as the value',
      contentType: CLOUDEVENTS_MEDIA_TYPE,
      payload: { oneOf: EVENT_TYPES.map((type) => schemaRef(inboundEventId(type))) },
      bindings: INBOUND_KEY,
    },
  };
}

/** Every inbound message's id, for the channel and operation that carry them. */
export const INBOUND_MESSAGE_IDS = [...EVENT_TYPES.map(inboundId), 'inbound.structured'];

/**
 * The schemas the intake validates with (docs/schemas), without the keywords that make them
 * documents of their own: in AsyncAPI they are components of this one.
 */
function inboundSchemas(): Json {
  const component = ({ $schema: _dialect, $id: _id, ...schema }: JsonSchema) => schema;
  return Object.fromEntries(
    EVENT_TYPES.flatMap((type) => [
      [inboundId(type), inboundDataSchema(type)],
      [inboundEventId(type), component(inboundEventSchema(type))],
    ]),
  );
}

const rejectionMessage = {
  name: 'rejection',
  title: 'Why an inbound event was refused',
  contentType: 'application/problem+json',
  headers: {
    type: 'object',
    properties: {
      ce_id: string('the refused event’s id, when it had one'),
      ce_source: string('the refused event’s source, when it had one'),
      ce_type: string('the refused event’s type, when it had one'),
    },
  },
  payload: schemaRef('Problem'),
  bindings: { kafka: { key: string('the refused record’s key'), bindingVersion: '0.5.0' } },
};

/** Every reusable schema and message the channels refer to. */
export function asyncApiComponents(): Json {
  return {
    schemas: {
      CloudEvent: OutboundCloudEventSchema,
      Problem: ProblemSchema,
      ...inboundSchemas(),
      ...Object.fromEntries(
        OUTBOUND_EVENT_TYPES.flatMap((type) => [
          [versionedName(type), OUTBOUND_EVENT_SCHEMAS[type]],
          [
            structuredId(type),
            {
              allOf: [
                schemaRef('CloudEvent'),
                {
                  type: 'object',
                  properties: { type: { const: type }, data: schemaRef(versionedName(type)) },
                },
              ],
            },
          ],
        ]),
      ),
    },
    messages: {
      ...outboundMessages(),
      batch: {
        name: 'batch',
        title: 'A page of the feed',
        contentType: CLOUDEVENTS_BATCH_MEDIA_TYPE,
        payload: { type: 'array', items: anyOutboundEvent },
      },
      streamed: {
        name: 'streamed',
        title: 'One server-sent event: a CloudEvent in structured mode; the SSE id is its cursor',
        contentType: CLOUDEVENTS_MEDIA_TYPE,
        payload: anyOutboundEvent,
      },
      webhook: {
        name: 'webhook',
        title: 'One webhook call: a CloudEvent in structured mode, signed',
        contentType: CLOUDEVENTS_MEDIA_TYPE,
        payload: anyOutboundEvent,
        bindings: { http: { headers: WEBHOOK_HEADERS, bindingVersion: '0.3.0' } },
      },
      ...inboundMessages(),
      rejection: rejectionMessage,
    },
    securitySchemes: {
      partnerToken: {
        type: 'http',
        scheme: 'bearer',
        description: 'The partner’s bearer token, issued by the hub administrator.',
      },
    },
  };
}
