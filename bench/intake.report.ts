/** The machine, CPU accounting, and the intake's section of BENCHMARKS.md. */
import { readdir, readFile, writeFile } from 'node:fs/promises';

/** CPU time of the whole machine (busy and total) in clock ticks, from /proc/stat. */
export interface MachineTicks {
  busy: number;
  total: number;
}

export async function machineTicks(): Promise<MachineTicks | undefined> {
  const stat = await readFile('/proc/stat', 'utf8').catch(() => '');
  const fields = /^cpu\s+(.+)$/m.exec(stat)?.[1]?.trim().split(/\s+/).map(Number);
  if (!fields || fields.length < 5) return undefined;
  const total = fields.reduce((sum, value) => sum + value, 0);
  // idle and iowait
  return { busy: total - fields[3]! - (fields[4] ?? 0), total };
}

/** User plus system CPU time of one process, in clock ticks (usually 100 a second). */
export async function processTicks(pid: number): Promise<number | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  // Fields after the command name, which is in parentheses and may hold spaces.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(rest[11]) + Number(rest[12]);
}

export const TICKS_PER_SECOND = 100;

/** CPU ticks of a process and its children by pid: a PostgreSQL server's postmaster and backends. */
export async function treeTicks(root: number): Promise<Map<number, number>> {
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
export function ticksBetween(before: Map<number, number>, after: Map<number, number>): number {
  let spent = 0;
  for (const [pid, ticks] of after) spent += ticks - (before.get(pid) ?? 0);
  return spent;
}

/** Replaces the section that starts with `heading` (up to the next `## `), or appends it. */
export async function writeIntakeSection(
  path: string,
  heading: string,
  body: string,
): Promise<void> {
  const current = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return '# Benchmarks\n';
    throw error;
  });
  const section = `${heading}\n\n${body.trim()}\n`;
  const start = current.indexOf(`${heading}\n`);
  let next: string;
  if (start === -1) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const end = current.indexOf('\n## ', start + heading.length);
    next = current.slice(0, start) + section + (end === -1 ? '' : `\n${current.slice(end + 1)}`);
  }
  await writeFile(path, next.endsWith('\n') ? next : `${next}\n`);
}

export function whole(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export function ms(value: number): string {
  return value < 10 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US');
}
