import { destination, type DestinationStream } from 'pino';

/** Where every log line of the process goes; a DI token, so that a test can read the lines. */
export abstract class LogDestination implements DestinationStream {
  abstract write(line: string): void;
}

/**
 * Standard output, written asynchronously: a write of its own per line cost the intake a sixth of
 * its CPU under load; lines that come while one write is out go together in the next. pino flushes
 * it on exit.
 */
export function asynchronousStdout(): LogDestination {
  return destination({ dest: 1, sync: false });
}
