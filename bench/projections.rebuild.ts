/**
 * Times `samenloop projections rebuild`, run in this process through the command line's own
 * `runProgram`, so that the rebuild takes exactly the operator's path: the event store the hub is
 * configured with, the read models' rebuilder, each projection cleared and replayed from
 * position 0 one after the other. Each projection's time ends at its `rebuilt …` line.
 */
import { performance } from 'node:perf_hooks';
import { runProgram } from '@samenloop/operator';

export interface ProjectionRebuild {
  projection: string;
  events: number;
  elapsedMs: number;
}

export interface RebuildRun {
  projections: ProjectionRebuild[];
  elapsedMs: number;
}

const REBUILT = /^rebuilt (\S+): (\d+) events, up to position \d+$/;

export async function timeRebuildCommand(
  databaseUrl: string,
  log: (line: string) => void,
): Promise<RebuildRun> {
  const projections: ProjectionRebuild[] = [];
  const errors: string[] = [];
  const started = performance.now();
  let last = started;
  const code = await runProgram(['projections', 'rebuild'], {
    out: (line) => {
      const now = performance.now();
      const match = REBUILT.exec(line);
      if (!match) return log(`rebuild: ${line}`);
      const rebuilt = { projection: match[1]!, events: Number(match[2]), elapsedMs: now - last };
      projections.push(rebuilt);
      log(`rebuilt ${rebuilt.projection}: ${rebuilt.events} events in ${seconds(now - last)}`);
      last = now;
    },
    err: (line) => errors.push(line),
    env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
  });
  if (code !== 0) throw new Error(`projections rebuild failed: ${errors.join(' ')}`);
  return { projections, elapsedMs: performance.now() - started };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
