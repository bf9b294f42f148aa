import { Injectable, type LoggerService } from '@nestjs/common';
import type { Level } from 'pino';
import { RequestLogging } from './request-logging';

/**
 * Nest's LoggerService on pino: `new Logger(context)` from @nestjs/common logs JSON through the
 * current request's logger. Nest passes the context as the last argument; an object message is
 * merged into the line, an Error becomes its `err`.
 */
@Injectable()
export class PinoNestLogger implements LoggerService {
  constructor(private readonly requests: RequestLogging) {}

  readonly verbose = this.at('trace');
  readonly debug = this.at('debug');
  readonly log = this.at('info');
  readonly warn = this.at('warn');
  readonly error = this.at('error');
  readonly fatal = this.at('fatal');

  /** One of Nest's level methods, writing at pino's `level`. */
  private at(level: Level): (message: unknown, ...rest: unknown[]) => void {
    return (message, ...rest) => this.write(level, message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    const fields: Record<string, unknown> = {};
    const args = rest.slice(0, -1);
    if (rest.length > 0) fields.context = rest.at(-1);
    const logger = this.requests.current;
    if (message instanceof Error) {
      logger[level]({ ...fields, err: message }, ...(args as []));
    } else if (typeof message === 'object' && message !== null) {
      logger[level]({ ...fields, ...message }, ...(args as []));
    } else if (level === 'error' && isStack(args)) {
      // Nest's own exception handlers call error(message, stack, context).
      const err = new Error(String(message));
      err.stack = args[0];
      logger[level]({ ...fields, err });
    } else {
      logger[level](fields, String(message), ...(args as []));
    }
  }
}

function isStack(args: unknown[]): args is [string] {
  return args.length === 1 && typeof args[0] === 'string' && /\n\s*at /.test(args[0]);
}
