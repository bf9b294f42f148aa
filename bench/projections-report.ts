/**
 * The "Projections" section of BENCHMARKS.md: the rebuild beside the log's read, API latency, and
 * API throughput with the access log beside it without.
 */
import type { ApiLatency, ApiLoad } from './projections-api';
import type { FilledLog } from './projections-fill';
import type { RebuildRun } from './projections-rebuild';
import { describeMachine, eventsPerSecond, packageVersion } from './report';
import { rate, type ReadTiming } from './store-workload';

export const REBUILD_RATIO_TARGET = 0.3;
/** All projections rebuilt together in at most twice the time of one read of the log. */
export const TOGETHER_RATIO_TARGET = 0.5;
export const P99_TARGET_MS = 50;
/** Dashboard requests/s with the access log at least 0.8 times those without it. */
export const ACCESS_LOG_RATIO_TARGET = 0.8;

export interface ProjectionsRun {
  root: string;
  startedAt: Date;
  load: [number, number];
  server: string;
  serverVersion: string;
  filled: FilledLog;
  read: ReadTiming;
  readPageSize: number;
  rebuild: RebuildRun;
  api: readonly ApiLatency[];
  /** The same cases, in the same order, against the hub with the access log off. */
  unloggedApi: readonly ApiLatency[];
  apiLoad: ApiLoad;
  /** Clients per partner in the caseload read model. */
  caseloads: ReadonlyMap<string, number>;
}

export async function projectionsSection(run: ProjectionsRun): Promise<string> {
  const machine = await describeMachine();
  const versions = await Promise.all(
    ['pg', 'typeorm', '@nestjs/core', 'autocannon'].map(
      async (name) => `${name} ${await packageVersion(run.root, name)}`,
    ),
  );
  const readRate = rate(run.read.events, run.read.elapsedMs);
  const rebuildRows = run.rebuild.projections.map((projection) => {
    const eventsPerS = rate(projection.events, projection.elapsedMs);
    const ratio = readRate > 0 ? eventsPerS / readRate : 0;
    return { ...projection, eventsPerS, ratio, met: ratio >= REBUILD_RATIO_TARGET };
  });
  const apiRows = run.api.map(({ case: apiCase, load }) => {
    const ok = load.statuses['200'] ?? 0;
    return { apiCase, load, ok, met: load.p99Ms < P99_TARGET_MS && ok === load.responses };
  });
  const throughputRows = run.api.map(({ case: apiCase, load }, index) => {
    const unlogged = run.unloggedApi[index]!.load;
    const ratio = unlogged.rps > 0 ? load.rps / unlogged.rps : 0;
    const unloggedOk = unlogged.statuses['200'] === unlogged.responses;
    return { apiCase, load, unlogged, ratio, met: ratio >= ACCESS_LOG_RATIO_TARGET && unloggedOk };
  });
  const missed = [
    ...rebuildRows
      .filter((row) => !row.met)
      .map(
        (row) => `rebuild ${row.projection} (${row.ratio.toFixed(2)} < ${REBUILD_RATIO_TARGET})`,
      ),
    ...apiRows
      .filter((row) => !row.met)
      .map((row) => `${row.apiCase.name} (p99 ${row.load.p99Ms} ms)`),
    ...throughputRows
      .filter((row) => !row.met)
      .map(
        (row) =>
          `${row.apiCase.name} requests/s, access log on/off (${row.ratio.toFixed(2)} < ${ACCESS_LOG_RATIO_TARGET.toFixed(2)})`,
      ),
  ];
  const minutes = (Date.now() - run.startedAt.getTime()) / 60_000;
  const together = run.rebuild.together;
  const togetherRatio = readRate > 0 ? rate(together.events, together.elapsedMs) / readRate : 0;
  const togetherMet = togetherRatio >= TOGETHER_RATIO_TARGET;
  if (!togetherMet) {
    missed.push(
      `rebuild all together (${togetherRatio.toFixed(2)} < ${TOGETHER_RATIO_TARGET}, i.e. more than twice one read of the log)`,
    );
  }
  return `
- Run: ${run.startedAt.toISOString()}, ${minutes.toFixed(1)} min.
- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB memory; 1-minute load
  average ${run.load[0].toFixed(1)} before the run and ${run.load[1].toFixed(1)} after it.
- Software: Node ${process.version}; PostgreSQL ${run.serverVersion} (${run.server}); ${versions.join(', ')}.
- Log: ${eventsPerSecond(run.filled.events)} events over ${eventsPerSecond(run.filled.clients)} clients, written in ${(run.filled.elapsedMs / 1000).toFixed(0)} s${run.filled.refused > 0 ? ` (${run.filled.refused} planned events refused by the decider and left out)` : ''}.

| Rebuild (samenloop projections rebuild) | Events | Time s | Events/s | Store read events/s | Ratio | Target | Met? |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: |
${rebuildRows
  .map(
    (row) =>
      `| ${row.projection} | ${eventsPerSecond(row.events)} | ${(row.elapsedMs / 1000).toFixed(1)} | ` +
      `${eventsPerSecond(row.eventsPerS)} | ${eventsPerSecond(readRate)} | ${row.ratio.toFixed(2)} | ` +
      `≥ ${REBUILD_RATIO_TARGET.toFixed(2)} | ${row.met ? 'yes' : '**no**'} |`,
  )
  .join('\n')}
| All ${rebuildRows.length} together, one read of the log | ${eventsPerSecond(together.events)} | ${(together.elapsedMs / 1000).toFixed(1)} | ${eventsPerSecond(rate(together.events, together.elapsedMs))} | ${eventsPerSecond(readRate)} | ${togetherRatio.toFixed(2)} | ≥ ${TOGETHER_RATIO_TARGET.toFixed(2)} | ${togetherMet ? 'yes' : '**no**'} |

| Dashboard API (${run.apiLoad.connections} connections) | Caseload clients | Requests | p50 ms | p90 ms | p99 ms | max ms | Answers | Target p99 | Met? |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | :---: |
${apiRows
  .map(
    ({ apiCase, load, met }) =>
      `| ${apiCase.name} | ${eventsPerSecond(run.caseloads.get(apiCase.partnerId) ?? 0)} | ` +
      `${eventsPerSecond(load.responses)} | ${load.p50Ms} | ${load.p90Ms} | ${load.p99Ms} | ${load.maxMs} | ` +
      `${answers(load.statuses, load.errors)} | < ${P99_TARGET_MS} ms | ${met ? 'yes' : '**no**'} |`,
  )
  .join('\n')}

| Dashboard throughput (${run.apiLoad.connections} connections) | Requests/s, access log on | Requests/s, access log off | Answers, off | Ratio on/off | Target | Met? |
| --- | ---: | ---: | --- | ---: | ---: | :---: |
${throughputRows
  .map(
    ({ apiCase, load, unlogged, ratio, met }) =>
      `| ${apiCase.name} | ${eventsPerSecond(load.rps)} | ${eventsPerSecond(unlogged.rps)} | ` +
      `${answers(unlogged.statuses, unlogged.errors)} | ${ratio.toFixed(2)} | ` +
      `≥ ${ACCESS_LOG_RATIO_TARGET.toFixed(2)} | ${met ? 'yes' : '**no**'} |`,
  )
  .join('\n')}

${busyNote(run.load)}${missed.length === 0 ? 'All targets are met.' : `Targets missed: ${missed.join('; ')}.`}

How it is measured, in one run on one PostgreSQL server in one fresh database:

- Log: the operator's demo pilot (\`samenloop demo\`'s plan, seeded) for every client, each event
  decided by the domain's decider as the intake decides it and appended with the store's
  \`appendMany\`, 500 clients active at a time with their events interleaved. The pilot gives
  about 22 events per client over its 300 days; to reach the asked size every client gets more of
  its lead's visits and contact attempts (copies of the lead's own), at random moments between
  the lead's assignment and the closure or now, in time order among the pilot's events. Partner references are
  bound in \`client_references\` as the intake binds them. Vacuumed and analysed after writing.
- Store read: the whole log through the store's \`readAll({ from, limit: ${run.readPageSize} })\`, as bench:store reads it.
- Rebuild: \`samenloop projections rebuild <name>\` for each projection alone, then
  \`samenloop projections rebuild\` for all together (the command line's \`runProgram\`, in the
  bench process): cleared and replayed from position 0, the log read once per command in pages of
  2,000, each page committed with the checkpoints. The ratio is the rebuild's rate over the
  store's read rate of the same log; all together must take at most twice one read of the log
  (a ratio of 0.5).
- API: the built hub (\`dist/apps/hub/src/main.js\`) in its own process with WORKERS=off (API only,
  as with the relay and projector apps running the workers), signed in as the partner's demo case
  lead (\`lead@<partner>\`, a session cookie). autocannon in the bench process, keep-alive,
  each connection sending its next request when the last is answered: each case ${run.apiLoad.warmUpS} s of warm-up and
  then ${run.apiLoad.durationS} s measured. Timeline: each request another client of the
  partner (its own reference). Caseload: in turn the default view (sorted by signals),
  \`scope=mine\`, sorted by last contact, rung and open referrals, the clients with the no-contact
  signal, sorted by reference, the next two pages and a search. Each request also writes its
  access-log entries, as the hub does.
- Throughput: the requests/s of the API cases above, beside those of the same cases (the same
  requests in the same order, connections and times) against \`bench/projections-unlogged-hub.ts\`
  on the same database right after: the hub's own module, set up as the hub is, with the
  dashboard's access log replaced by one that records nothing (the hub itself cannot turn it
  off). The ratio is with over without; a row is met only if every answer without was 200 too.
- The person in each enrolment is sealed with random bytes rather than with a client key in the
  key vault, so names show as restricted: a caseload page still looks up each row's key, but
  decrypts nothing.

Where the time goes, by the code: a caseload request picks its page from the partner's narrow
caseload-member rows (\`read_caseload_members\`), whose indexes give each sort and whose signal
flags a job keeps current, and reads the page's count and shown columns in one statement; it then
reads what the page shows of its clients only, the page's keys from the key vault in one query,
and writes the page's access-log entries, chained, in one statement before it answers. A timeline
request reads the client's row and its entries in one statement: what the viewer may read of each
event was settled by the timeline projection as it happened. A rebuild of all reads the log once
and applies each page to every projection in one transaction.
`;
}

function answers(statuses: Record<string, number>, errors: number): string {
  const parts = Object.entries(statuses).map(
    ([status, count]) => `${eventsPerSecond(count)} × ${status}`,
  );
  if (errors > 0) parts.push(`${errors} errors`);
  return parts.join(', ');
}

/** Judged by the load as the run started: the bench itself raises it afterwards. */
function busyNote([before]: readonly number[]): string {
  return before >= 1
    ? `**The machine was not idle** (1-minute load average ${before.toFixed(1)} as the run ` +
        'started): the figures are lower and less steady than on an idle machine.\n\n'
    : '';
}
