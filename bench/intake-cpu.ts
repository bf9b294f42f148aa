/**
 * CPU accounting of the intake bench's phases, from /proc: of the server under load, of the
 * embedded PostgreSQL's postmaster and backends, and of the whole machine.
 */
import { readdir, readFile } from 'node:fs/promises';
import type { LoadResult } from './intake-load';

/** One phase of load: what it achieved and the CPU it took. */
export interface Phase<Load extends LoadResult = LoadResult> {
  load: Load;
  /** Events stored by the load. */
  events: number;
  /** CPU of the server process per stored event, in ms. */
  serverCpuMsPerEvent?: number;
  /** CPU of the embedded PostgreSQL per stored event, in ms. */
  databaseCpuMsPerEvent?: number;
  /** Share of the machine's CPU in use during the load, 0..1. */
  machineBusy?: number;
}

/** The processes whose CPU a phase counts, where known. */
export interface Processes {
  server?: number;
  postmaster?: number;
}

/** Runs the load while counting the CPU of the processes and of the machine. */
export async function measured<Load extends LoadResult>(
  processes: Processes,
  load: () => Promise<Load>,
  eventsOf: (result: Load) => number,
): Promise<Phase<Load>> {
  const sample = async () => ({
    server: processes.server === undefined ? undefined : await processTicks(processes.server),
    database:
      processes.postmaster === undefined ? undefined : await treeTicks(processes.postmaster),
    machine: await machineTicks(),
  });
  const before = await sample();
  const result = await load();
  const after = await sample();
  const events = eventsOf(result);
  const perEvent = (ticks: number) => (ticks * 1000) / TICKS_PER_SECOND / events;
  return {
    load: result,
    events,
    ...(before.server !== undefined && after.server !== undefined && events > 0
      ? { serverCpuMsPerEvent: perEvent(after.server - before.server) }
      : {}),
    ...(before.database && after.database && events > 0
      ? { databaseCpuMsPerEvent: perEvent(ticksBetween(before.database, after.database)) }
      : {}),
    ...(before.machine && after.machine
      ? { machineBusy: busyShare(before.machine, after.machine) }
      : {}),
  };
}

/** CPU time of the whole machine (busy and total) in clock ticks, from /proc/stat. */
interface MachineTicks {
  busy: number;
  total: number;
}

async function machineTicks(): Promise<MachineTicks | undefined> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => '');
  const fields = /^cpu\s+(.+)$/m.exec(stat)?.[1]?.trim().split(/\s+/).map(Number);
  if (!fields || fields.length < 5) return undefined;
  const total = fields.reduce((sum, value) => sum + value, 0);
  // idle and iowait
  return { busy: total - fields[3]! - (fields[4] ?? 0), total };
}

function busyShare(before: MachineTicks, after: MachineTicks): number {
  const total = after.total - before.total;
  return total > 0 ? (after.busy - before.busy) / total : 0;
}

/** User plus system CPU time of one process, in clock ticks (usually 100 a second). */
async function processTicks(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  // Fields after the command name, which is in parentheses and may hold spaces.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(rest[11]) + Number(rest[12]);
}

const TICKS_PER_SECOND = 100;

/** CPU ticks of a process and its children by pid: a PostgreSQL server's postmaster and backends. */
async function treeTicks(root: number): Promise<Map<number, number>> {
  const ticks = new Map<number, number>();
  const own = await processTicks(root);
  if (own === undefined) return ticks;
  ticks.set(root, own);
  for (const entry of await readdir('/proc').catch(() => [])) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => undefined);
    if (!stat) continue;
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(rest[1]) === root) ticks.set(Number(entry), Number(rest[11]) + Number(rest[12]));
  }
  return ticks;
}

/** Ticks spent between two samples of treeTicks; processes that ended meanwhile are not counted. */
function ticksBetween(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, ticks] of after) spent += ticks - (before.get(pid) ?? 0);
  return spent;
}
