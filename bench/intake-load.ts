/**
 * Load with autocannon: a fixed number of connections sending one generated request after the
 * other (a new body or path each) for a fixed time or a fixed number of requests. autocannon is
 * a devDependency loaded at run time, so that the rest of the project type-checks and builds
 * without it; the little of its API used here is typed below.
 */
import { createRequire } from 'node:module';

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  /** Seconds before a request counts as timed out (10 by default). */
  timeout?: number;
  method: string;
  headers: Record<string, string>;
  requests: {
    setupRequest: (request: AutocannonRequest) => AutocannonRequest;
  }[];
}

interface Histogram {
  average: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Only on `requests`: the requests completed. */
  total?: number;
  /** Only on `requests`: the requests sent, some of them cut off by the end of the run. */
  sent?: number;
}

interface AutocannonResult {
  duration: number;
  latency: Histogram;
  requests: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats: Record<string, { count: number }>;
}

type Autocannon = (
  options: AutocannonOptions,
  done: (error: Error | null, result: AutocannonResult) => void,
) => unknown;

function loadAutocannon(): Autocannon {
  try {
    return createRequire(__filename)('autocannon') as Autocannon;
  } catch (error) {
    throw new Error('autocannon is missing: npm install --save-dev autocannon@9', { cause: error });
  }
}

export function autocannonVersion(): string {
  try {
    return (createRequire(__filename)('autocannon/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

export interface LoadSpec {
  url: string;
  connections: number;
  /** How long to send for. */
  durationS: number;
  timeoutS?: number;
  /** POST unless given. */
  method?: string;
  headers: Record<string, string>;
  /** A new request body each call. */
  body?: () => string;
  /** A new path (and query) each call, instead of the url's. */
  path?: () => string;
}

export interface LoadResult {
  durationS: number;
  /** Responses received. */
  responses: number;
  /** Requests sent: the responses and those still open when the run ended. */
  sent: number;
  /** Responses per second. */
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Count per HTTP status. */
  statuses: Record<string, number>;
  /** Connection errors and timeouts. */
  errors: number;
}

export function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const autocannon = loadAutocannon();
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.durationS,
        ...(spec.timeoutS === undefined ? {} : { timeout: spec.timeoutS }),
        method: spec.method ?? 'POST',
        headers: spec.headers,
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              ...(spec.body ? { body: spec.body() } : {}),
              ...(spec.path ? { path: spec.path() } : {}),
            }),
          },
        ],
      },
      (error, result) => {
        if (error) return reject(error);
        const responses = result.requests.total ?? 0;
        resolve({
          durationS: result.duration,
          responses,
          sent: result.requests.sent ?? responses,
          rps: responses / result.duration,
          p50Ms: result.latency.p50,
          p90Ms: result.latency.p90,
          p99Ms: result.latency.p99,
          maxMs: result.latency.max,
          statuses: Object.fromEntries(
            Object.entries(result.statusCodeStats).map(([status, { count }]) => [status, count]),
          ),
          errors: result.errors + result.timeouts,
        });
      },
    );
  });
}
