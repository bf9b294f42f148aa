/** The "Replay memory" section of BENCHMARKS.md: the hub's resident memory through a replay. */
import type { FilledLog } from './projections-fill';
import type { Replay, ReplaySample } from './replay-memory-sampler';
import { describeMachine, eventsPerSecond } from './report';
import { rate } from './store-workload';

export const RSS_TARGET_MIB = 300;
/** Flat: the last quarter's highest sample at most this much above the second quarter's. */
export const FLAT_TOLERANCE = 0.1;
const MARKS = [0.25, 0.5, 0.75, 1] as const;
/** The replay the target is set for. */
const ISSUE_EVENTS = 1_000_000;

export interface ReplayMemoryRun {
  startedAt: Date;
  load: [number, number];
  server: string;
  serverVersion: string;
  filled: FilledLog;
  replay: Replay;
}

export async function replayMemorySection(run: ReplayMemoryRun): Promise<string> {
  const machine = await describeMachine();
  const { samples } = run.replay;
  const peak = Math.max(...samples.map(({ rssMiB }) => rssMiB));
  const atMarks = MARKS.map((mark) => ({ mark, sample: samples.find((s) => s.progress >= mark) }));
  const secondQuarter = highest(samples.filter((s) => s.progress >= 0.25 && s.progress < 0.5));
  const lastQuarter = highest(samples.filter((s) => s.progress >= 0.75));
  const flat = lastQuarter <= secondQuarter * (1 + FLAT_TOLERANCE);
  const under = peak < RSS_TARGET_MIB;
  const minutes = (Date.now() - run.startedAt.getTime()) / 60_000;
  const seconds = run.replay.elapsedMs / 1000;
  return `
- Run: ${run.startedAt.toISOString()}, ${minutes.toFixed(1)} min.
- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory; 1-minute load
  average ${run.load[0].toFixed(1)} before the run and ${run.load[1].toFixed(1)} after it.
- Software: Node ${process.version}; PostgreSQL ${run.serverVersion} (${run.server}).
- Log: ${eventsPerSecond(run.filled.events)} events over ${eventsPerSecond(run.filled.clients)} clients, written in ${(run.filled.elapsedMs / 1000).toFixed(0)} s${run.filled.events < ISSUE_EVENTS ? ` (BENCH_MEMORY_EVENTS: fewer than the ${eventsPerSecond(ISSUE_EVENTS)} the target is set for)` : ''}.
- Replay: ${run.replay.consumers.length} consumers (${run.replay.consumers.join(', ')}) from position 0 to ${eventsPerSecond(run.replay.lastPosition)} in ${seconds.toFixed(0)} s, ${eventsPerSecond(rate(run.filled.events, run.replay.elapsedMs))} events/s (until the last consumer caught up, hub start included).

| Hub resident memory (VmRSS) | MiB |
| --- | ---: |
${atMarks
  .map(
    ({ mark, sample }) =>
      `| at ${mark * 100}% of the replay (${sample ? `${(sample.atMs / 1000).toFixed(0)} s` : '—'}) | ${sample ? sample.rssMiB.toFixed(0) : '—'} |`,
  )
  .join('\n')}
| peak | ${peak.toFixed(0)} |

| Target | Measured | Met? |
| --- | --- | :---: |
| peak < ${RSS_TARGET_MIB} MiB | ${peak.toFixed(0)} MiB | ${under ? 'yes' : '**no**'} |
| flat: last quarter's highest ≤ second quarter's + ${FLAT_TOLERANCE * 100}% | ${lastQuarter.toFixed(0)} vs ${secondQuarter.toFixed(0)} MiB | ${flat ? 'yes' : '**no**'} |
${run.load[0] >= 1 ? `\n**The machine was not idle** (1-minute load average ${run.load[0].toFixed(1)} as the run started): the replay is slower than on an idle machine; its memory is what it is.\n` : ''}
How it is measured, in one run in one fresh database: the log is the projections bench's (the
operator's demo pilot, seeded, grown with the lead's visits and contact attempts, appended with the
store's \`appendMany\`), written while no worker runs (the built hub started once with WORKERS=off
to migrate the database, then stopped). Then the built hub (\`dist/apps/hub/src/main.js\`) starts
in its own process, with the node options \`npm start\` gives it (its heap limit, from
package.json), with its workers on and replays the whole log through every consumer: the
read-model projections, the partner feed and the audit's. Once a second the bench reads the
process's VmRSS from \`/proc/<pid>/status\`, each worker's lag from the hub's \`/health/ready\`
and the consumers' checkpoints from \`consumer_checkpoints\`; the replay's progress is the
consumers' mean share of the log (a consumer that no longer lags counts whole, one that does its
checkpoint over the log's last position), and the replay ends when no worker lags (five samples in
a row). Sampling starts once the hub answers \`/health/live\`.
`;
}

function highest(samples: readonly ReplaySample[]): number {
  return samples.length === 0 ? 0 : Math.max(...samples.map(({ rssMiB }) => rssMiB));
}
