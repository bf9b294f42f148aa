import { type MiddlewareConsumer, Module, type NestModule, RequestMethod } from '@nestjs/common';
import { asynchronousStdout, LogDestination } from './log-destination';
import { PinoNestLogger } from './pino-nest-logger';
import { RequestLogging } from './request-logging';

/**
 * Structured JSON logs with pino at LOG_LEVEL, with a request id on every line logged during a
 * request. `createHttpApp` makes PinoNestLogger the application's logger, so `new Logger(context)`
 * from @nestjs/common logs through it too.
 */
@Module({
  providers: [
    { provide: LogDestination, useFactory: asynchronousStdout },
    RequestLogging,
    PinoNestLogger,
  ],
  exports: [PinoNestLogger],
})
export class LoggingModule implements NestModule {
  constructor(private readonly requests: RequestLogging) {}

  configure(consumer: MiddlewareConsumer): void {
    // Matches every request under Nest 12.5's Fastify adapter, `/` included.
    consumer
      .apply(this.requests.middleware)
      .forRoutes({ path: '/{*splat}', method: RequestMethod.ALL });
  }
}
