import { EVENT_TYPES, type EventType } from '@samenloop/domain';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import type { IOptions } from 'class-validator-jsonschema/build/options';
import { CloudEventDto } from './cloud-event.dto';
import { EVENT_DATA_DTOS } from './event-data.dto';
import { OWN_RULE_SCHEMAS } from './field.rules';

/** A JSON Schema (draft 2020-12) as plain JSON. */
export type JsonSchema = { [keyword: string]: unknown };

const JSON_SCHEMA_DIALECT = 'https://json-schema.org/draft/2020-12/schema';

const INBOUND_SCHEMA_BASE_URL = 'https://samenloop.nl/schemas/inbound/';

/** Where the JSON Schema of an inbound type is published: `docs/schemas/<type>.json` in the repository. */
function inboundSchemaUrl(type: EventType): string {
  return `${INBOUND_SCHEMA_BASE_URL}${type}.json`;
}

type Converter = IOptions['additionalConverters'][string];

/**
 * Where class-validator-jsonschema's defaults say less than the validator checks. `min` and `max`
 * must not set `type: number` over IsInt's `integer`; a nested class is written out in place, so
 * that every schema stands alone; a regular expression flag JSON Schema cannot carry would silently
 * change what the pattern admits, so it stops the generation.
 */
const CONVERTERS: Record<string, Converter> = {
  ...(Object.fromEntries(OWN_RULE_SCHEMAS) as Record<string, Converter>),
  min: ({ constraints }) => ({ minimum: constraints[0] as number }),
  max: ({ constraints }) => ({ maximum: constraints[0] as number }),
  matches: ({ constraints, propertyName }) => {
    const pattern = constraints[0] as RegExp;
    if (pattern.flags.replace('u', '') !== '') {
      throw new Error(`${propertyName}: the flags /${pattern.flags} have no JSON Schema form`);
    }
    return { type: 'string', pattern: pattern.source };
  },
  [ValidationTypes.NESTED_VALIDATION]: ({ target, propertyName }) =>
    dtoSchema(
      Reflect.getMetadata('design:type', (target as new () => object).prototype, propertyName),
    ),
};

const OPTIONS: Partial<IOptions> = {
  classValidatorMetadataStorage: getMetadataStorage(),
  additionalConverters: CONVERTERS,
};

/**
 * The JSON Schema of a DTO, read from the class-validator rules the intake validates it with.
 * The validator refuses unknown properties at every level, so every object here does too.
 */
function dtoSchema(dto: new () => object): JsonSchema {
  const { properties, required, type } = targetConstructorToSchema(dto, OPTIONS) as JsonSchema;
  return { type, properties, ...(required ? { required } : {}), additionalProperties: false };
}

/** The schema of the `data` of an inbound type, as the intake checks it. */
export function inboundDataSchema(type: EventType): JsonSchema {
  return { title: `${type} data`, ...dtoSchema(EVENT_DATA_DTOS[type]) };
}

/**
 * The schema of a whole inbound CloudEvent of one type (structured mode): the envelope and its
 * data. What needs the hub's clock or its configuration (a time at most 5 minutes ahead, a birth
 * date in the past, the life-area codes, the BSN's eleven test) only the hub checks.
 */
export function inboundEventSchema(type: EventType): JsonSchema {
  const envelope = dtoSchema(CloudEventDto);
  return {
    $schema: JSON_SCHEMA_DIALECT,
    $id: inboundSchemaUrl(type),
    title: type,
    description: `A partner's ${type} event as it posts it (structured mode); see docs/inbound.md.`,
    ...envelope,
    properties: {
      ...(envelope.properties as JsonSchema),
      type: { type: 'string', const: type },
      data: inboundDataSchema(type),
    },
  };
}

/** Every inbound type's event schema, in catalogue order. */
function inboundEventSchemas(): { readonly [T in EventType]: JsonSchema } {
  return Object.fromEntries(EVENT_TYPES.map((type) => [type, inboundEventSchema(type)])) as {
    [T in EventType]: JsonSchema;
  };
}

/** The OpenAPI name of the schema of any one inbound CloudEvent. */
const INBOUND_CLOUD_EVENT = 'InboundCloudEvent';

const componentRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/**
 * The inbound event schemas as OpenAPI components: one per type, named by the type, and
 * INBOUND_CLOUD_EVENT, any one of them as its `type` says.
 */
export function inboundOpenApiSchemas(): Record<string, JsonSchema> {
  return {
    ...inboundEventSchemas(),
    [INBOUND_CLOUD_EVENT]: {
      oneOf: EVENT_TYPES.map(componentRef),
      discriminator: {
        propertyName: 'type',
        mapping: Object.fromEntries(EVENT_TYPES.map((type) => [type, componentRef(type).$ref])),
      },
    },
  };
}

/** A reference to INBOUND_CLOUD_EVENT, for the operations that take one. */
export const inboundCloudEventRef = () => componentRef(INBOUND_CLOUD_EVENT);
