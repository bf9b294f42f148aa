/**
 * Times `samenloop projections rebuild`, run in this process through the command line's own
 * `runProgram`, so that the rebuild takes exactly the operator's path: the event store the hub is
 * configured with and the read models' rebuilder. Each projection is rebuilt alone
 * (`rebuild <name>`), then all of them together (`rebuild`, one read of the log for all).
 */
import { performance } from 'node:perf_hooks';
import { runProgram } from '@samenloop/operator';

export interface ProjectionRebuild {
  projection: string;
  events: number;
  elapsedMs: number;
}

export interface RebuildRun {
  /** Each projection rebuilt alone. */
  projections: ProjectionRebuild[];
  /** All of them rebuilt together: the events of the log, read once. */
  together: { events: number; elapsedMs: number };
}

const REBUILT = /^rebuilt (\S+): (\d+) events, up to position \d+$/;

export async function timeRebuildCommand(
  databaseUrl: string,
  names: readonly string[],
  log: (line: string) => void,
): Promise<RebuildRun> {
  const projections: ProjectionRebuild[] = [];
  for (const name of names) {
    const [rebuilt] = await rebuildCommand(databaseUrl, [name], log);
    projections.push(rebuilt!);
    log(`rebuilt ${name} alone: ${rebuilt!.events} events in ${seconds(rebuilt!.elapsedMs)}`);
  }
  const all = await rebuildCommand(databaseUrl, [], log);
  const together = { events: all[0]?.events ?? 0, elapsedMs: all[0]?.elapsedMs ?? 0 };
  log(
    `rebuilt all ${all.length} together: ${together.events} events in ${seconds(together.elapsedMs)}`,
  );
  return { projections, together };
}

/** Runs the command; each projection it names with the time the whole command took. */
async function rebuildCommand(
  databaseUrl: string,
  args: readonly string[],
  log: (line: string) => void,
): Promise<ProjectionRebuild[]> {
  const rebuilt: { projection: string; events: number }[] = [];
  const errors: string[] = [];
  const started = performance.now();
  const code = await runProgram(['projections', 'rebuild', ...args], {
    out: (line) => {
      const match = REBUILT.exec(line);
      if (!match) return log(`rebuild: ${line}`);
      rebuilt.push({ projection: match[1]!, events: Number(match[2]) });
    },
    err: (line) => errors.push(line),
    env: { DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' },
  });
  if (code !== 0) throw new Error(`projections rebuild failed: ${errors.join(' ')}`);
  const elapsedMs = performance.now() - started;
  return rebuilt.map((projection) => ({ ...projection, elapsedMs }));
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
