import type { IncomingMessage } from 'node:http';
import type { DynamicModule, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { setupOpenApi, type OpenApiOptions } from './openapi.setup';
import { setupSecurity } from './security.setup';
import { observeHttpLatency } from '../metrics/http.metrics';
import { ProblemDetailsFilter } from './problem-details.filter';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';
import { createValidationPipe } from './validation.problem';

export interface HttpAppOptions {
  /** The OpenAPI document's title and description. */
  openApi: OpenApiOptions;
  /** Largest request body accepted, in bytes; larger ones get 413 `payload-too-large`. */
  bodyLimit?: number;
}

/**
 * Builds a Nest application on Fastify with everything every Samenloop HTTP process shares:
 * pino JSON logs with request ids (echoed as `x-request-id`), problem+json errors, DTO validation
 * and the OpenAPI document. The root module must import LoggingModule. The caller listens (or uses
 * `inject` in tests) and owns shutdown.
 */
export async function createHttpApp(
  rootModule: Type<unknown> | DynamicModule,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => requestIdFor(request),
  });
  const fastify = adapter.getInstance();
  // CloudEvents' structured and batched modes are JSON under media types of their own.
  fastify.addContentTypeParser(
    ['application/cloudevents+json', 'application/cloudevents-batch+json'],
    { parseAs: 'string' },
    fastify.getDefaultJsonParser('error', 'error'),
  );
  observeHttpLatency(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });

  // Logs are held back until the pino logger is in place; if start-up fails they are dropped and
  // the caller reports the one error instead.
  const app = await NestFactory.create<NestFastifyApplication>(rootModule, adapter, {
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
  });
  app.useLogger(resolveLogger(app));
  app.flushLogs();
  const config = app.get(AppConfig);
  await setupSecurity(app, config.CORS_ORIGINS?.split(',') ?? []);
  app.useGlobalFilters(new ProblemDetailsFilter(app.getHttpAdapter()));
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app, options.openApi);
  return app;
}

function resolveLogger(app: NestFastifyApplication): Logger {
  try {
    return app.get(Logger);
  } catch {
    throw new Error('the root module must import LoggingModule from @samenloop/platform');
  }
}
