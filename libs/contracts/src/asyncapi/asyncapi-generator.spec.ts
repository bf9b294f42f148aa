import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import asyncApi300 from '@asyncapi/specs/schemas/3.0.0.json';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { EVENT_TYPES } from '@samenloop/domain';
import { ConfigModule } from '@samenloop/platform';
import { ContractsModule } from '../contracts.module';
import { OUTBOUND_EVENT_TYPES } from '../schemas/outbound-event.schema';
import { generateAsyncApiDocument } from './asyncapi-generator';

const document = generateAsyncApiDocument({ topicPrefix: 'samenloop' });

/** Every `$ref` in the document, with where it points. */
function refs(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => refs(item, found));
  else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key === '$ref' && typeof item === 'string') found.push(item);
      else refs(item, found);
    }
  }
  return found;
}

function resolve(pointer: string): unknown {
  return pointer
    .replace(/^#\//, '')
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>(
      (node, segment) => (node as Record<string, unknown> | undefined)?.[segment],
      document,
    );
}

describe('the AsyncAPI document', () => {
  it('is valid against the official AsyncAPI 3.0.0 schema', () => {
    // The official schema bundles its own copy of the draft-07 meta-schema; Ajv must not add one.
    const ajv = new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false });
    addFormats(ajv);
    const validate = ajv.compile(asyncApi300);
    expect(validate(document) ? [] : validate.errors).toEqual([]);
  });

  it('passes the official AsyncAPI parser without errors or warnings', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    const findings = diagnostics
      .filter(({ severity }) => severity <= DiagnosticSeverity.Warning)
      .map(({ code, message, path }) => `${path.join('.')}: ${code} ${message}`);
    expect(findings).toEqual([]);
    expect(parsed?.version()).toBe('3.0.0');
  });

  it('refers only to what it defines', () => {
    const dangling = refs(document).filter((pointer) => resolve(pointer) === undefined);
    expect(dangling).toEqual([]);
  });

  it('names each partner’s topics with the prefix', () => {
    const channels = document.channels as Record<string, { address: string | null }>;
    expect(channels.partnerEvents?.address).toBe('samenloop.{partnerId}.events.v1');
    expect(channels.partnerInbound?.address).toBe('samenloop.{partnerId}.inbound.v1');
    expect(channels.partnerRejected?.address).toBe('samenloop.{partnerId}.rejected.v1');
    expect(
      (generateAsyncApiDocument({ topicPrefix: 'acc' }).channels as typeof channels).partnerEvents
        ?.address,
    ).toBe('acc.{partnerId}.events.v1');
  });

  it('has a message for every outbound type on the partner’s stream, with CloudEvents headers', () => {
    const messages = resolve('#/components/messages') as Record<
      string,
      { name: string; headers: { required: string[] } }
    >;
    const onStream = Object.keys(resolve('#/channels/partnerEvents/messages') as object);
    expect(onStream.map((id) => messages[id]?.name).sort()).toEqual(
      [...OUTBOUND_EVENT_TYPES].sort(),
    );
    expect(messages['visit-held.v1']?.headers.required).toEqual([
      'ce_specversion',
      'ce_id',
      'ce_source',
      'ce_type',
      'ce_subject',
      'ce_time',
      'ce_dataschema',
      'ce_cursor',
      'content-type',
    ]);
  });

  it('has a message for every inbound type, binary mode, with the data schema the intake uses', () => {
    const messages = resolve('#/components/messages') as Record<
      string,
      { name: string; headers?: { properties: { ce_type: { const: string } } } }
    >;
    const inbound = Object.keys(resolve('#/channels/partnerInbound/messages') as object)
      .map((id) => messages[id]!)
      .filter(({ headers }) => headers);
    expect(inbound.map(({ name }) => name)).toEqual(EVENT_TYPES);
    expect(inbound.map(({ headers }) => headers!.properties.ce_type.const)).toEqual(EVENT_TYPES);
  });

  it('shows inbound examples that satisfy their schemas', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    for (const type of EVENT_TYPES) {
      const id = `inbound.${type.replace('nl.samenloop.', '')}`;
      const message = resolve(`#/components/messages/${id}`) as {
        examples: { payload: unknown; headers: unknown }[];
        headers: object;
      };
      const [example] = message.examples;
      expect([
        type,
        ajv.validate(resolve(`#/components/schemas/${id}`) as object, example?.payload),
        ajv.errors,
      ]).toEqual([type, true, null]);
      expect([type, ajv.validate(message.headers, example?.headers), ajv.errors]).toEqual([
        type,
        true,
        null,
      ]);
    }
  });

  it('shows examples that satisfy their schemas', () => {
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const schemas = resolve('#/components/schemas') as Record<string, object>;
    for (const type of OUTBOUND_EVENT_TYPES) {
      const id = type.replace('nl.samenloop.', '');
      const message = resolve(`#/components/messages/${id}`) as {
        examples: { payload: unknown }[];
      };
      expect([type, ajv.validate(schemas[id]!, message.examples[0]?.payload), ajv.errors]).toEqual([
        type,
        true,
        null,
      ]);
    }
  });
});

describe('GET /asyncapi.json', () => {
  const previous = process.env.KAFKA_TOPIC_PREFIX;
  afterEach(() => {
    if (previous === undefined) delete process.env.KAFKA_TOPIC_PREFIX;
    else process.env.KAFKA_TOPIC_PREFIX = previous;
  });

  it('serves the document for KAFKA_TOPIC_PREFIX', async () => {
    process.env.KAFKA_TOPIC_PREFIX = 'helmond';
    const moduleRef = await Test.createTestingModule({
      imports: [ConfigModule, ContractsModule],
    }).compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    try {
      const response = await app.inject({ method: 'GET', url: '/asyncapi.json' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        asyncapi: '3.0.0',
        channels: { partnerEvents: { address: 'helmond.{partnerId}.events.v1' } },
      });
    } finally {
      await app.close();
    }
  });
});
