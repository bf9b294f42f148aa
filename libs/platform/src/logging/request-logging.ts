import { AsyncLocalStorage } from 'node:async_hooks';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable } from '@nestjs/common';
import type { Logger as Pino } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { AppConfig } from '../config/app-config';
import { LogDestination } from './log-destination';
import { requestLoggingOptions } from './logging-options';

/**
 * The process's one pino logger, and the request logging built on it: a line per request, and
 * the request's own logger (bound to its `requestId`) for everything logged while it is handled.
 */
@Injectable()
export class RequestLogging {
  private readonly http: HttpLogger;
  private readonly handled = new AsyncLocalStorage<Pino>();

  constructor(config: AppConfig, destination: LogDestination) {
    this.http = pinoHttp(requestLoggingOptions(config), destination);
  }

  /** The logger of the request being handled, else the process's. */
  get current(): Pino {
    return this.handled.getStore() ?? this.http.logger;
  }

  /** Middleware: logs the request once it is answered and runs the rest within its logger. */
  readonly middleware = (request: IncomingMessage, response: ServerResponse, next: () => void) => {
    this.http(request, response);
    // Not `request.log`: pino-http keeps the one middie put there, Fastify's own, which logs nothing.
    this.handled.run(request.allLogs.at(-1)!, next);
  };
}
