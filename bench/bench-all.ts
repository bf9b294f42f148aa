/**
 * `npm run bench`: every benchmark in turn, each in a process of its own on a fresh database of
 * its own, after one build (the npm script's). A bench that fails does not stop the others; the
 * summary at the end says which failed, and the exit code is 1 when any did.
 *
 * Environment: BENCH_ONLY (a comma-separated subset of the names below), and whatever the benches
 * themselves take (see each *.bench.ts; BENCH_WRITE=off keeps all of them from writing
 * BENCHMARKS.md), passed on to each.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** `npm run bench:<name>` and its script, in the order they run: the store, then the whole hub. */
const BENCHES: readonly { name: string; script: string }[] = [
  { name: 'store', script: 'store.bench.js' },
  { name: 'intake', script: 'intake.bench.js' },
  { name: 'delivery', script: 'delivery.bench.js' },
  { name: 'projections', script: 'projections.bench.js' },
  { name: 'memory', script: 'replay-memory.bench.js' },
];

interface Outcome {
  name: string;
  /** The exit code, or the signal that ended the bench. */
  exit: number | NodeJS.Signals;
  minutes: number;
}

function log(line: string): void {
  console.log(`[bench] ${line}`);
}

function selected(): typeof BENCHES {
  const only = (process.env.BENCH_ONLY ?? '').split(',').map((name) => name.trim());
  if (only.every((name) => name === '')) return BENCHES;
  const known = BENCHES.map(({ name }) => name);
  const unknown = only.filter((name) => name && !known.includes(name));
  if (unknown.length > 0) {
    throw new Error(`BENCH_ONLY names no bench ${unknown.join(', ')}; known: ${known.join(', ')}`);
  }
  return BENCHES.filter(({ name }) => only.includes(name));
}

/**
 * A bench starts once the 1-minute load average is under this, or after SETTLE_LIMIT_MS: under 1
 * with room to spare, as the bench reads it again while it starts up.
 */
const IDLE_LOAD = 0.7;
const SETTLE_LIMIT_MS = 5 * 60_000;

/** Waits for the machine to settle after the build or the bench before: each measures alone. */
async function settled(): Promise<void> {
  const deadline = performance.now() + SETTLE_LIMIT_MS;
  if (loadavg()[0]! >= IDLE_LOAD) log(`waiting for the load average to fall under ${IDLE_LOAD}`);
  while (loadavg()[0]! >= IDLE_LOAD && performance.now() < deadline) await sleep(5_000);
}

function runOne({ name, script }: (typeof BENCHES)[number]): Promise<Outcome> {
  const started = performance.now();
  const child = spawn(process.execPath, [join(__dirname, script)], { stdio: 'inherit' });
  return new Promise((resolve) => {
    const done = (exit: number | NodeJS.Signals) =>
      resolve({ name, exit, minutes: (performance.now() - started) / 60_000 });
    child.once('error', (error) => {
      log(`${name}: ${error.message}`);
      done(1);
    });
    child.once('exit', (code, signal) => done(signal ?? code ?? 1));
  });
}

async function main(): Promise<void> {
  const benches = selected();
  const outcomes: Outcome[] = [];
  for (const [index, bench] of benches.entries()) {
    await settled();
    log(`${index + 1}/${benches.length}: bench:${bench.name}`);
    const outcome = await runOne(bench);
    outcomes.push(outcome);
    log(
      `bench:${bench.name} ${outcome.exit === 0 ? 'ran to the end' : `FAILED (${outcome.exit})`}`,
    );
  }
  const failed = outcomes.filter(({ exit }) => exit !== 0);
  console.log(
    [
      '',
      '| Bench | Result | Minutes |',
      '| --- | --- | ---: |',
      ...outcomes.map(
        ({ name, exit, minutes }) =>
          `| bench:${name} | ${exit === 0 ? 'ran to the end' : `**failed** (exit ${exit})`} | ${minutes.toFixed(1)} |`,
      ),
      '',
      failed.length === 0
        ? `Every bench ran to the end (${outcomes.length}).`
        : `${failed.length} of ${outcomes.length} benches failed: ${failed.map(({ name }) => name).join(', ')}.`,
    ].join('\n'),
  );
  if (failed.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
