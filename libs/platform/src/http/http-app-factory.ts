import type { IncomingMessage } from 'node:http';
import type { DynamicModule, NestApplicationOptions, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '../config/app-config';
import { loadConfig } from '../config/config-loader';
import { applyBodyLimits, DEFAULT_BODY_LIMIT } from './body-limit';
import { acceptJsonBodiesOnly } from './json-body-parser';
import { setupOpenApi, type OpenApiOptions } from './openapi-setup';
import { setupSecurity } from './security-setup';
import { PinoNestLogger } from '../logging/pino-nest-logger';
import { observeHttpLatency } from '../metrics/http-metrics';
import { ProblemDetailsFilter } from './problem-details-filter';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';
import { trustProxyOption } from './trust-proxy';
import { createValidationPipe } from './validation-problem';

/** Makes the Nest application of the root module on the adapter. */
export type NestAppMaker = (
  rootModule: Type<unknown> | DynamicModule,
  adapter: FastifyAdapter,
  options: NestApplicationOptions,
) => Promise<NestFastifyApplication>;

export interface HttpAppOptions {
  /** The OpenAPI document's title and description. */
  openApi: OpenApiOptions;
  /**
   * NestFactory's `create` unless given. A benchmark's baseline gives one that compiles the root
   * module with a provider replaced, so that its process is set up as the real one is.
   */
  makeApp?: NestAppMaker;
}

/**
 * Builds a Nest application on Fastify with everything every Samenloop HTTP process shares:
 * pino JSON logs with request ids (echoed as `x-request-id`), problem+json errors (Fastify's own
 * included), JSON-only bodies of at most DEFAULT_BODY_LIMIT unless a route's `@BodyLimit` says
 * otherwise, the client address as TRUST_PROXY allows, DTO validation and the OpenAPI document.
 * The root module must import LoggingModule. The caller listens (or uses `inject` in tests) and
 * owns shutdown.
 */
export async function createHttpApp(
  rootModule: Type<unknown> | DynamicModule,
  options: HttpAppOptions,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: trustProxyOption(loadConfig().TRUST_PROXY),
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => requestIdFor(request),
    // What Fastify refuses before it finds a route (a URL that does not decode) is a problem too.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) =>
      problems.answer(adapter.mapException(error), request, reply),
  });
  const fastify = adapter.getInstance();
  const problems = new ProblemDetailsFilter(adapter);
  acceptJsonBodiesOnly(fastify);
  applyBodyLimits(fastify);
  // Each route's own error handler, so that what Fastify raises while reading a request (a body
  // too large, not JSON, of another type) is a problem however late Nest installs its handler.
  fastify.addHook('onRoute', (route) => {
    route.errorHandler ??= (error, request, reply) =>
      problems.answer(adapter.mapException(error), request, reply);
  });
  observeHttpLatency(fastify);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });

  // Logs are held back until the pino logger is in place; if start-up fails they are dropped and
  // the caller reports the one error instead.
  const makeApp = options.makeApp ?? createWithNestFactory;
  const app = await makeApp(rootModule, adapter, {
    // acceptJsonBodiesOnly parses bodies; Nest's parsers would add form-encoded ones.
    bodyParser: false,
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
  });
  app.useLogger(resolveLogger(app));
  app.flushLogs();
  const config = app.get(AppConfig);
  await setupSecurity(app, config.CORS_ORIGINS?.split(',') ?? []);
  app.useGlobalFilters(problems);
  app.useGlobalPipes(createValidationPipe());
  setupOpenApi(app, options.openApi);
  return app;
}

const createWithNestFactory: NestAppMaker = (rootModule, adapter, options) =>
  NestFactory.create<NestFastifyApplication>(rootModule, adapter, options);

function resolveLogger(app: NestFastifyApplication): PinoNestLogger {
  try {
    return app.get(PinoNestLogger);
  } catch {
    throw new Error('the root module must import LoggingModule from @samenloop/platform');
  }
}
