/** Shared by the benches: result tables, the machine, and sections of BENCHMARKS.md. */
import { readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

export interface ResultRow {
  case: string;
  /** Events per second of the store (or of the peer, on peer rows). */
  subject: number;
  /** Events per second of raw pg doing the same work. */
  raw: number;
  /** The minimum ratio subject/raw; rows without one are for information. */
  target?: number;
  /** The ratio of an earlier run, for comparison. */
  before?: number;
}

export function ratioOf(row: ResultRow): number {
  return row.raw > 0 ? row.subject / row.raw : 0;
}

export function isMet(row: ResultRow): boolean | undefined {
  return row.target === undefined ? undefined : ratioOf(row) >= row.target;
}

export function renderTable(rows: readonly ResultRow[]): string {
  const lines = [
    '| Case | Store (peer) events/s | Raw pg events/s | Ratio | Before | Target | Met? |',
    '| --- | ---: | ---: | ---: | ---: | ---: | :---: |',
  ];
  for (const row of rows) {
    const met = isMet(row);
    lines.push(
      `| ${row.case} | ${eventsPerSecond(row.subject)} | ${eventsPerSecond(row.raw)} | ` +
        `${ratioOf(row).toFixed(2)} | ${row.before === undefined ? '—' : row.before.toFixed(2)} | ` +
        `${row.target === undefined ? '—' : `≥ ${row.target.toFixed(2)}`} | ` +
        `${met === undefined ? '—' : met ? 'yes' : '**no**'} |`,
    );
  }
  return lines.join('\n');
}

export function eventsPerSecond(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
}

export async function describeMachine(): Promise<Machine> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim();
  return {
    cpu: model ?? cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
  };
}

/** The installed version of a package, read from its package.json under the project root. */
export async function packageVersion(root: string, name: string): Promise<string> {
  const text = await readFile(join(root, 'node_modules', name, 'package.json'), 'utf8').catch(
    () => '{}',
  );
  return (JSON.parse(text) as { version?: string }).version ?? 'unknown';
}

const FILE_HEADER = `# Benchmarks

Measured results of the benchmarks under \`bench/\`. Each section is written by its bench; rerun
the bench to refresh it.
`;

/** Replaces the section that starts with `heading` (up to the next \`## \`), or appends it. */
export async function writeSection(path: string, heading: string, body: string): Promise<void> {
  const current = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return FILE_HEADER;
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

/** Prints the section and, unless told not to, writes it into the file at `path`. */
export async function publishSection(
  path: string,
  heading: string,
  section: string,
  options: { write: boolean; log: (line: string) => void },
): Promise<void> {
  console.log(`\n${section}\n`);
  if (!options.write) return;
  await writeSection(path, heading, section);
  options.log(`wrote "${heading.slice(3)}" in ${path}`);
}
