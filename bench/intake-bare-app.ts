/**
 * The intake bench's baseline: a bare NestJS-on-Fastify process with one `POST /v1/events` that
 * parses the CloudEvents media type and checks the body with the intake's own class-validator DTOs
 * (`validateCloudEvent`), then answers 201 with a receipt-shaped body, without any I/O. No
 * logging, guard, filter or OpenAPI: the least a NestJS endpoint with that DTO costs.
 *
 * Run by intake.bench.ts as `node dist/bench/intake-bare-app.js` with PORT set.
 */
import 'reflect-metadata';
import { BadRequestException, Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  CLOUDEVENTS_BATCH_MEDIA_TYPE,
  CLOUDEVENTS_MEDIA_TYPE,
  validateCloudEvent,
} from '@samenloop/contracts';

@Controller('v1/events')
class BareEventsController {
  @Post()
  @HttpCode(201)
  publish(@Body() body: unknown): Record<string, unknown> {
    const now = new Date();
    const checked = validateCloudEvent(body, now);
    if (!checked.ok) throw new BadRequestException({ errors: checked.errors });
    const { id, source, type, subject } = checked.event;
    return { id, source, type, subject, position: 0, receivedAt: now.toISOString() };
  }
}

@Module({ controllers: [BareEventsController] })
class BareModule {}

async function main(): Promise<void> {
  const adapter = new FastifyAdapter({ bodyLimit: 5 * 1024 * 1024 });
  const fastify = adapter.getInstance();
  fastify.addContentTypeParser(
    [CLOUDEVENTS_MEDIA_TYPE, CLOUDEVENTS_BATCH_MEDIA_TYPE],
    { parseAs: 'string' },
    fastify.getDefaultJsonParser('error', 'error'),
  );
  const app = await NestFactory.create<NestFastifyApplication>(BareModule, adapter, {
    logger: false,
  });
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
  process.stdout.write(`bare intake listening on ${await app.getUrl()}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`bare intake: ${String(error)}\n`);
  process.exit(1);
});
