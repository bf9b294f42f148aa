import type { DynamicModule, Type } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { AppConfig } from '../config/app-config';
import { loadConfig } from '../config/config-loader';
import { ConfigError } from '../config/config.errors';
import { createHttpApp, type HttpAppOptions } from './http-app-factory';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** How long a graceful shutdown may take before the process gives up and exits 1. */
const SHUTDOWN_DEADLINE_MS = 20_000;

/**
 * Runs an HTTP process: validates the configuration, builds the app, listens on HOST:PORT, and
 * shuts down gracefully on SIGTERM/SIGINT (stop accepting, drain requests, close the pool, stop an
 * embedded PostgreSQL, exit 0). Any start-up failure is printed as one line on stderr and the
 * process exits 1.
 */
export async function runHttpApp(
  rootModule: Type<unknown> | DynamicModule,
  options: HttpAppOptions & { name: string },
): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    return failStart(error);
  }

  let app: NestFastifyApplication | undefined;
  try {
    app = await createHttpApp(rootModule, options);
    app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
    for (const signal of SHUTDOWN_SIGNALS) process.once(signal, armShutdownDeadline);
    await app.listen({ port: config.PORT, host: config.HOST });
  } catch (error) {
    // Release what did start (the pool, an embedded PostgreSQL) before leaving.
    await app?.close().catch(() => undefined);
    return failStart(error, `${options.name} could not start`);
  }

  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${displayHost(config.HOST)}:${port}`;
  new Logger('Bootstrap').log(`${options.name} listening on ${url} (API docs at ${url}/docs)`);
}

function failStart(error: unknown, context?: string): void {
  const reason = error instanceof ConfigError ? error.message : describe(error);
  process.stderr.write(`samenloop: ${context ? `${context}: ` : ''}${reason}\n`);
  process.exit(1);
}

/** One line, whatever was thrown; AggregateErrors (e.g. a refused connection on ::1 and 127.0.0.1) have no message of their own. */
function describe(error: unknown): string {
  let text: string;
  if (error instanceof AggregateError && !error.message) {
    text = error.errors.map((inner) => describe(inner)).join('; ');
  } else if (error instanceof Error) {
    text = error.message || (error as NodeJS.ErrnoException).code || error.name;
  } else {
    text = String(error);
  }
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

function armShutdownDeadline(signal: NodeJS.Signals): void {
  new Logger('Bootstrap').log(`${signal} received: draining requests and shutting down`);
  setTimeout(() => {
    process.stderr.write(`samenloop: shutdown took longer than ${SHUTDOWN_DEADLINE_MS} ms\n`);
    process.exit(1);
  }, SHUTDOWN_DEADLINE_MS).unref();
}
