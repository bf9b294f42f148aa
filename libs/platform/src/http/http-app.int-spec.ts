import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested } from 'class-validator';
import { ConfigModule } from '../config/config.module';
import { LoggingModule } from '../logging/logging.module';
import { StaticPageModule } from '../static/static-page.module';
import { BodyLimit, DEFAULT_BODY_LIMIT } from './body-limit';
import { probeHttpApp } from './probe-app.spec-helper';
import { MAX_JSON_DEPTH, MAX_JSON_VALUES } from './json-shape';
import { ProblemException } from './problem-exception';

const PROBLEMS = 'https://samenloop.nl/problems/';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

class OrderLine {
  @IsString()
  product!: string;
}

class PlaceOrder {
  @IsInt()
  @Min(1)
  quantity!: number;

  @ValidateNested({ each: true })
  @Type(() => OrderLine)
  lines!: OrderLine[];
}

@Controller('probe')
class ProbeController {
  @Post('orders')
  place(@Body() order: PlaceOrder): PlaceOrder {
    return order;
  }

  @Post('batches')
  @BodyLimit(4 * DEFAULT_BODY_LIMIT)
  batch(@Body() body: unknown): { received: number } {
    return { received: JSON.stringify(body).length };
  }

  @Get('boom')
  boom(): never {
    throw new Error('connection to db-internal.example:5432 refused, password=hunter2');
  }

  @Get('conflict')
  conflict(): never {
    throw new ProblemException({
      status: 409,
      type: 'stream-conflict',
      title: 'Stream conflict',
      detail: 'The stream moved on.',
      extensions: { expectedRevision: 4 },
      headers: { 'retry-after': '1' },
    });
  }
}

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    // It registers a Fastify plugin while Nest starts, as the hub does: Fastify's own errors must
    // still be problems after that.
    StaticPageModule.forRoot({ prefix: '/page', root: __dirname }),
  ],
  controllers: [ProbeController],
})
class ProbeModule {}

describe('createHttpApp', () => {
  const probe = probeHttpApp(ProbeModule, { LOG_LEVEL: 'silent' });

  const post = (payload: string, contentType = 'application/json') =>
    probe.app.inject({
      method: 'POST',
      url: '/probe/orders',
      headers: { 'content-type': contentType },
      payload,
    });

  it('passes a valid body through to the handler', async () => {
    const response = await post(JSON.stringify({ quantity: 2, lines: [{ product: 'a' }] }));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ quantity: 2, lines: [{ product: 'a' }] });
  });

  it('answers an invalid body with validation-failed and a path per field', async () => {
    const response = await post(
      JSON.stringify({ quantity: 0, lines: [{ product: 'a' }, { product: 3 }], extra: true }),
    );

    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    const problem = response.json();
    expect(problem).toMatchObject({
      type: `${PROBLEMS}validation-failed`,
      title: 'The request is not valid',
      status: 400,
      instance: '/probe/orders',
    });
    expect(problem.errors).toEqual(
      expect.arrayContaining([
        { path: 'quantity', message: 'quantity must not be less than 1' },
        { path: 'lines[1].product', message: 'product must be a string' },
        { path: 'extra', message: 'property extra should not exist' },
      ]),
    );
  });

  it.each(['application/cloudevents+json', 'application/cloudevents-batch+json'])(
    'parses %s as JSON',
    async (contentType) => {
      const order = { quantity: 1, lines: [{ product: 'b' }] };
      const response = await post(JSON.stringify(order), contentType);
      expect(response.statusCode).toBe(201);
      expect(response.json()).toEqual(order);
    },
  );

  it.each([
    ['malformed JSON', () => post('{"quantity": '), 400, 'malformed-body'],
    [
      'malformed CloudEvents JSON',
      () => post('{"id": ', 'application/cloudevents+json'),
      400,
      'malformed-body',
    ],
    ['an empty JSON body', () => post(''), 400, 'malformed-body'],
    [
      'an unsupported content type',
      () => post('<order/>', 'application/xml'),
      415,
      'unsupported-media-type',
    ],
    [
      'a body over the default limit',
      () => post(JSON.stringify({ pad: 'x'.repeat(DEFAULT_BODY_LIMIT) })),
      413,
      'payload-too-large',
    ],
    [
      'a form-encoded body',
      () => post('quantity=1', 'application/x-www-form-urlencoded'),
      415,
      'unsupported-media-type',
    ],
    [
      'a plain-text body',
      () => post('{"quantity": 1}', 'text/plain'),
      415,
      'unsupported-media-type',
    ],
    [
      'a body nesting too deep',
      () => post('['.repeat(MAX_JSON_DEPTH + 1) + ']'.repeat(MAX_JSON_DEPTH + 1)),
      400,
      'body-too-complex',
    ],
    [
      'a CloudEvents body nesting too deep',
      () =>
        post(
          `{"a":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`,
          'application/cloudevents+json',
        ),
      400,
      'body-too-complex',
    ],
  ])('answers %s with a problem', async (_case, send, status, suffix) => {
    const response = await send();
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ type: `${PROBLEMS}${suffix}`, status });
  });

  it.each([
    ['malformed JSON', '{"quantity": ', 'The body is not valid JSON.'],
    ['an empty JSON body', '', 'The body is empty, but its content type says JSON.'],
    [
      'a body over the limit',
      JSON.stringify({ pad: 'x'.repeat(DEFAULT_BODY_LIMIT) }),
      'The body is larger than 64 KiB, the most this route accepts.',
    ],
  ])('says plainly what is wrong with %s', async (_case, payload, detail) => {
    expect((await post(payload)).json()).toMatchObject({ detail, instance: '/probe/orders' });
  });

  it('takes a larger body on a route whose @BodyLimit allows it, and no larger', async () => {
    const send = (bytes: number) =>
      probe.app.inject({
        method: 'POST',
        url: '/probe/batches',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ pad: 'x'.repeat(bytes) }),
      });

    expect((await send(2 * DEFAULT_BODY_LIMIT)).statusCode).toBe(201);
    const manyValues = await probe.app.inject({
      method: 'POST',
      url: '/probe/batches',
      headers: { 'content-type': 'application/json' },
      payload: `[${'0,'.repeat(MAX_JSON_VALUES)}0]`,
    });
    expect(manyValues.statusCode).toBe(400);
    expect(manyValues.json()).toMatchObject({
      type: `${PROBLEMS}body-too-complex`,
      detail: `The body holds more than ${MAX_JSON_VALUES} values.`,
    });
    const tooLarge = await send(4 * DEFAULT_BODY_LIMIT);
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json()).toMatchObject({
      detail: 'The body is larger than 256 KiB, the most this route accepts.',
    });
  });

  it('keeps a depth the hub’s own documents need', async () => {
    // The object around it is one level, so the whole body nests exactly MAX_JSON_DEPTH deep.
    const nested = '['.repeat(MAX_JSON_DEPTH - 1) + ']'.repeat(MAX_JSON_DEPTH - 1);
    const response = await post(`{"quantity": 1, "lines": [], "pad": ${nested}}`);
    // Parsed, and refused by validation only for the field it does not know.
    expect(response.json()).toMatchObject({ type: `${PROBLEMS}validation-failed` });
  });

  it('answers a URL that does not decode with a problem, before any route', async () => {
    const response = await probe.app.inject({ method: 'GET', url: '/probe/%' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      type: `${PROBLEMS}bad-request`,
      detail: 'The URL is not valid: a %-escape in it does not decode.',
    });
  });

  it('answers an unknown route with not-found', async () => {
    const response = await probe.app.inject({ method: 'GET', url: '/nowhere?secret=1' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      type: `${PROBLEMS}not-found`,
      title: 'Not found',
      status: 404,
      detail: 'Cannot GET /nowhere',
      instance: '/nowhere',
    });
  });

  it('answers an unexpected error with a bare 500 and the request id to quote', async () => {
    const response = await probe.app.inject({
      method: 'GET',
      url: '/probe/boom',
      headers: { 'x-request-id': 'support-case-7' },
    });

    expect(response.statusCode).toBe(500);
    expect(response.headers['x-request-id']).toBe('support-case-7');
    expect(response.json()).toMatchObject({ type: `${PROBLEMS}internal`, status: 500 });
    expect(response.body).not.toMatch(/hunter2|db-internal|5432/);
  });

  it('renders a ProblemException with its extensions and headers', async () => {
    const response = await probe.app.inject({ method: 'GET', url: '/probe/conflict' });
    expect(response.statusCode).toBe(409);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toEqual({
      type: `${PROBLEMS}stream-conflict`,
      title: 'Stream conflict',
      status: 409,
      detail: 'The stream moved on.',
      instance: '/probe/conflict',
      expectedRevision: 4,
    });
  });

  it('gives every response an x-request-id, the caller’s own when it is sane', async () => {
    const own = await probe.app.inject({
      method: 'GET',
      url: '/nowhere',
      headers: { 'x-request-id': 'partner-trace-42' },
    });
    const insane = await probe.app.inject({
      method: 'GET',
      url: '/nowhere',
      headers: { 'x-request-id': 'two words' },
    });
    const none = await probe.app.inject({ method: 'GET', url: '/nowhere' });

    expect(own.headers['x-request-id']).toBe('partner-trace-42');
    expect(insane.headers['x-request-id']).toMatch(UUID);
    expect(none.headers['x-request-id']).toMatch(UUID);
  });

  it('serves the OpenAPI document at /docs-json and Swagger UI at /docs', async () => {
    const document = await probe.app.inject({ method: 'GET', url: '/docs-json' });
    const ui = await probe.app.inject({ method: 'GET', url: '/docs' });
    const css = await probe.app.inject({ method: 'GET', url: '/docs/swagger-ui.css' });

    expect(document.json()).toMatchObject({
      openapi: expect.stringMatching(/^3\./),
      info: { title: 'Probe API' },
      paths: { '/probe/orders': expect.any(Object) },
      components: { schemas: { Problem: expect.any(Object), PlaceOrder: expect.any(Object) } },
    });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/^text\/html/);
    expect(ui.body).toContain('/docs/swagger-ui-bundle.js');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
  });
});
