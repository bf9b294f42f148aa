import type { IncomingMessage, ServerResponse } from 'node:http';
import { stdTimeFunctions } from 'pino';
import type { Options } from 'pino-http';
import type { AppConfig } from '../config/app-config';
import { requestIdFor } from '../http/request-id';
import { redactQuery } from './query-redact';

/** Header values that must never reach a log line. Bodies are never logged at all. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["proxy-authorization"]',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

// Probes poll these every few seconds; a line per probe drowns everything else.
const QUIET_PATHS = /^\/health\/(live|ready)(\?|$)/;

/** pino-http settings: one JSON line per request and log call, tagged with the request id. */
export function requestLoggingOptions(config: Pick<AppConfig, 'LOG_LEVEL'>): Options {
  return {
    level: config.LOG_LEVEL,
    timestamp: stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    serializers: { req: withoutQueryValues },
    genReqId: (request: IncomingMessage) => requestIdFor(request),
    customAttributeKeys: { reqId: 'requestId' },
    // Lines logged while handling a request carry its id, not the whole request again.
    quietReqLogger: true,
    autoLogging: {
      ignore: (request: IncomingMessage) =>
        QUIET_PATHS.test((request as { originalUrl?: string }).originalUrl ?? request.url ?? ''),
    },
    customLogLevel: (_request: IncomingMessage, response: ServerResponse, error?: Error) =>
      error || response.statusCode >= 500 ? 'error' : 'info',
  };
}

/** pino-http hands this the serialized request; its URL keeps no query value but harmless ones. */
function withoutQueryValues(request: { url?: string; query?: unknown }): object {
  const { query: _query, ...rest } = request;
  return typeof rest.url === 'string' ? { ...rest, url: redactQuery(rest.url) } : rest;
}
