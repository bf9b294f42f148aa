import { randomBytes } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createHttpApp } from '@samenloop/platform';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { compileErrors, validate } from '@readme/openapi-parser';
import { EVENT_TYPES } from '@samenloop/domain';
import { HUB_HTTP_OPTIONS, HubModule } from './hub.module';

// The hub as it runs, without its workers: the document is built from every module it composes.
const ENV = {
  LOG_LEVEL: 'silent',
  WORKERS: 'off',
  AUDIT_WORKERS: 'off',
  DEMO_PARTNERS: 'off',
  SAMENLOOP_ADMIN_TOKEN: randomBytes(24).toString('base64url'),
  SAMENLOOP_MASTER_KEY: randomBytes(32).toString('base64'),
  SAMENLOOP_BSN_HASH_KEY: randomBytes(32).toString('base64'),
  SAMENLOOP_PSEUDONYM_KEY: randomBytes(32).toString('base64'),
};

// The document as served; assertions give it its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** What anyone may call: health probes, the event channels, signing in. */
const PUBLIC = [
  'GET /health/live',
  'GET /health/ready',
  'GET /asyncapi.json',
  'POST /v1/dashboard/session',
  'GET /v1/auth/oidc/login',
  'GET /v1/auth/oidc/callback',
];

function operations(document: Json): [string, Json][] {
  return Object.entries(document.paths as Json).flatMap(([path, item]) =>
    Object.entries(item as Json).map(([method, operation]): [string, Json] => [
      `${method.toUpperCase()} ${path}`,
      operation,
    ]),
  );
}

describe('the hub’s OpenAPI document', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let document: Json;
  const saved = { ...process.env };

  beforeAll(async () => {
    db = await createTestDatabase();
    Object.assign(process.env, ENV, { DATABASE_URL: db.url });
    app = await createHttpApp(HubModule, HUB_HTTP_OPTIONS);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    document = (await app.inject({ method: 'GET', url: '/docs-json' })).json();
  });

  afterAll(async () => {
    await app?.close();
    process.env = saved;
    await db?.drop();
  });

  it('is valid OpenAPI', async () => {
    // The parser dereferences what it is given: it gets a copy.
    const result = await validate(structuredClone(document) as Parameters<typeof validate>[0]);
    expect(result.valid ? '' : compileErrors(result)).toBe('');
    expect(document.openapi).toBe('3.1.0');
  });

  it('says how to authenticate for every operation but the public ones, by declared schemes', () => {
    const declared = Object.keys(document.components.securitySchemes);
    const unsecured = operations(document)
      .filter(([, operation]) => !operation.security?.length)
      .map(([name]) => name);
    const undeclared = operations(document).flatMap(([name, operation]) =>
      ((operation.security ?? []) as Json[])
        .flatMap((requirement) => Object.keys(requirement))
        .filter((scheme) => !declared.includes(scheme))
        .map((scheme) => `${name}: ${scheme}`),
    );
    expect(unsecured.sort()).toEqual([...PUBLIC].sort());
    expect(undeclared).toEqual([]);
    expect(document.components.securitySchemes.cookie).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'samenloop_session' }),
    );
  });

  it('tells partners and the administrator apart', () => {
    const security: Json = Object.fromEntries(operations(document));
    expect(security['POST /v1/events'].security).toEqual([{ partnerToken: [] }]);
    expect(security['GET /v1/feed'].security).toEqual([{ partnerToken: [] }]);
    expect(security['POST /v1/admin/partners'].security).toEqual([{ adminToken: [] }]);
    expect(security['GET /health/projections'].security).toEqual([
      { metricsToken: [] },
      { adminToken: [] },
    ]);
    expect(security['GET /v1/dashboard/caseload'].security).toEqual([{ cookie: [] }]);
  });

  it('describes the body of POST /v1/events per event type, with an example of each', () => {
    const body =
      document.paths['/v1/events'].post.requestBody.content['application/cloudevents+json'];
    const anyEvent = document.components.schemas.InboundCloudEvent;
    expect(Object.keys(anyEvent.discriminator.mapping)).toEqual(EVENT_TYPES);
    expect(Object.keys(body.examples)).toEqual(EVENT_TYPES);
    for (const type of EVENT_TYPES) {
      expect(document.components.schemas[type].properties.type.const).toBe(type);
    }
  });
});
