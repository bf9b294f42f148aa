import { STATUS_CODES } from 'node:http';
import {
  Catch,
  HttpException,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
  type HttpServer,
} from '@nestjs/common';
import { DEFAULT_BODY_LIMIT } from './body-limit';
import { isDatabaseUnavailable } from './database-unavailable';
import { frameworkProblem } from './framework.problems';
import type { ProblemDetails, ProblemFieldError } from './problem-details';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem-type';
import { ProblemException } from './problem-exception';

/** Type suffix and title for the statuses Nest and Fastify raise on their own. */
const STANDARD_PROBLEMS: Readonly<Record<number, readonly [suffix: string, title: string]>> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  408: ['request-timeout', 'Request timeout'],
  409: ['conflict', 'Conflict'],
  410: ['gone', 'Gone'],
  411: ['length-required', 'Length required'],
  412: ['precondition-failed', 'Precondition failed'],
  413: ['payload-too-large', 'Request body too large'],
  414: ['uri-too-long', 'URI too long'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable-content', 'Unprocessable content'],
  428: ['precondition-required', 'Precondition required'],
  429: ['too-many-requests', 'Too many requests'],
  431: ['request-header-fields-too-large', 'Request header fields too large'],
  500: ['internal', 'Internal server error'],
  501: ['not-implemented', 'Not implemented'],
  502: ['bad-gateway', 'Bad gateway'],
  503: ['service-unavailable', 'Service unavailable'],
  504: ['gateway-timeout', 'Gateway timeout'],
};

/** Errors of Fastify's body parsing that mean "the body is not what its content type says". */
const MALFORMED_BODY_CODES = new Set([
  'FST_ERR_CTP_INVALID_JSON_BODY',
  'FST_ERR_CTP_EMPTY_JSON_BODY',
  'FST_ERR_CTP_INVALID_CONTENT_LENGTH',
]);

/** Seconds a caller is asked to wait while the database is down or restarting. */
const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Members an extension may not overwrite. */
const STANDARD_MEMBERS = new Set(['type', 'title', 'status', 'detail', 'instance', 'errors']);

export interface RenderedProblem {
  problem: ProblemDetails;
  headers: Record<string, string>;
  /** True for failures nobody meant to answer with: they are logged with their stack. */
  unexpected: boolean;
}

/**
 * Turns anything thrown while handling a request into a problem document. Pure, so the mapping is
 * unit-tested without a server. Unknown errors become a bare 500 that leaks nothing.
 */
export function renderProblem(exception: unknown, instance: string): RenderedProblem {
  if (exception instanceof ProblemException) {
    const { status, type, title, detail, errors, extensions, headers } = exception.problem;
    return {
      problem: compose({ status, type, title, detail, instance, errors, extensions }),
      headers: { ...headers },
      unexpected: status === 500,
    };
  }
  if (exception instanceof HttpException) {
    return { ...fromHttpException(exception, instance), headers: {} };
  }
  if (isDatabaseUnavailable(exception)) {
    return {
      problem: compose({
        status: 503,
        type: 'database-unavailable',
        title: 'Database unavailable',
        detail: `The hub's database cannot be reached; nothing of this request was stored. Retry after ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
        instance,
      }),
      headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
      unexpected: false,
    };
  }
  return { problem: internal(instance), headers: {}, unexpected: true };
}

function fromHttpException(
  exception: HttpException,
  instance: string,
): Omit<RenderedProblem, 'headers'> {
  const status = exception.getStatus();
  if (status === 500 || status < 400 || status > 599) {
    return { problem: internal(instance), unexpected: true };
  }
  const messages = messagesOf(exception);
  const [suffix, title] = STANDARD_PROBLEMS[status] ?? [
    `http-${status}`,
    STATUS_CODES[status] ?? 'Error',
  ];
  if (status === 400 && isMalformedBody(exception)) {
    return {
      problem: compose({
        status,
        type: 'malformed-body',
        title: 'Malformed request body',
        detail: messages[0],
        instance,
      }),
      unexpected: false,
    };
  }
  // Nest's own ValidationPipe (when used with its default factory) answers a list of messages.
  if (status === 400 && messages.length > 1) {
    const errors: ProblemFieldError[] = messages.map((message) => ({ path: '', message }));
    return {
      problem: compose({
        status,
        type: 'validation-failed',
        title: 'The request is not valid',
        detail: messages.join('; '),
        instance,
        errors,
      }),
      unexpected: false,
    };
  }
  return {
    problem: compose({ status, type: suffix, title, detail: withoutQuery(messages[0]), instance }),
    unexpected: false,
  };
}

function internal(instance: string): ProblemDetails {
  return compose({
    status: 500,
    type: 'internal',
    title: 'Internal server error',
    detail:
      'The server failed to handle the request; quote the x-request-id header when reporting it.',
    instance,
  });
}

function compose(parts: {
  status: number;
  type: string;
  title: string;
  detail?: string;
  instance: string;
  errors?: ProblemFieldError[];
  extensions?: Record<string, unknown>;
}): ProblemDetails {
  const { status, type, title, detail, instance, errors, extensions } = parts;
  const extra = Object.fromEntries(
    Object.entries(extensions ?? {}).filter(([key]) => !STANDARD_MEMBERS.has(key)),
  );
  return {
    type: problemType(type),
    title,
    status,
    ...(detail ? { detail } : {}),
    instance,
    ...(errors ? { errors } : {}),
    ...extra,
  };
}

function messagesOf(exception: HttpException): string[] {
  const response = exception.getResponse();
  if (typeof response === 'string') return [response];
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return [message];
  if (Array.isArray(message)) return message.map(String);
  return [exception.message];
}

function isMalformedBody(exception: HttpException): boolean {
  const cause = exception.cause as { code?: unknown; name?: unknown } | undefined;
  if (typeof cause?.code === 'string' && MALFORMED_BODY_CODES.has(cause.code)) return true;
  if (cause?.name === 'SyntaxError') return true;
  // Nest's Fastify adapter refuses `__proto__` in a body with this message.
  return /forbidden prototype property/.test(exception.message);
}

/** Nest's route-not-found message repeats the URL; its query string may carry tokens. */
function withoutQuery(message: string): string {
  return message.replace(/^(Cannot [A-Z]+ [^?#\s]*)[?#]\S*$/, '$1');
}

/** The request path without its query string (which may carry tokens). */
function pathOf(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/**
 * Answers every error of an HTTP app as `application/problem+json` (RFC 9457). Registered globally
 * by `createHttpApp`; libs throw `ProblemException` (or Nest's HttpExceptions) and never format
 * errors themselves.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  constructor(private readonly httpAdapter: HttpServer) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    this.answer(exception, http.getRequest<unknown>(), http.getResponse<unknown>());
  }

  /**
   * Answers `exception` on `response`. Also called by Fastify's error handler of every route, for
   * errors raised while the request is read, before Nest has it.
   */
  answer(exception: unknown, request: unknown, response: unknown): void {
    const instance = pathOf(String(this.httpAdapter.getRequestUrl?.(request) ?? '/'));
    const framework = frameworkProblem(causeOf(exception), bodyLimitOf(request));
    const { problem, headers, unexpected } = renderProblem(framework ?? exception, instance);

    if (unexpected) {
      // The request logger binds `requestId` itself while a request is handled.
      this.logger.error({ err: exception, instance }, 'request failed unexpectedly');
    } else if (problem.status >= 500) {
      this.logger.warn({ instance, type: problem.type }, problem.detail ?? problem.title);
    }
    if (this.httpAdapter.isHeadersSent(response)) {
      // Too late for a problem document: the response is already on its way. Cut it off.
      this.httpAdapter.end(response);
      return;
    }
    for (const [name, value] of Object.entries(headers)) {
      this.httpAdapter.setHeader(response, name, value);
    }
    this.httpAdapter.setHeader(response, 'content-type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    this.httpAdapter.reply(response, JSON.stringify(problem), problem.status);
  }
}

/** Nest wraps Fastify's own 4xx errors in an HttpException; the error itself is its cause. */
function causeOf(exception: unknown): unknown {
  const wrapped =
    exception instanceof HttpException &&
    !(exception instanceof ProblemException) &&
    exception.cause !== undefined;
  return wrapped ? exception.cause : exception;
}

/** The body limit of the route a Fastify request was for. */
function bodyLimitOf(request: unknown): number {
  const limit = (request as { routeOptions?: { bodyLimit?: unknown } } | null)?.routeOptions
    ?.bodyLimit;
  return typeof limit === 'number' ? limit : DEFAULT_BODY_LIMIT;
}
