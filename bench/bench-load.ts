/**
 * The machine's load as a bench starts. Figures are only comparable from an idle machine (the
 * issues set their targets for a 1-minute load average under 1), so a busy start is said loudly.
 */
import { loadavg } from 'node:os';

/** At or above this 1-minute load average the machine is not idle. */
export const IDLE_LOAD = 1;

/** Prints the 1-minute load average, with a warning when it is not under IDLE_LOAD; returns it. */
export function loadAtStart(log: (line: string) => void): number {
  const load = loadavg()[0]!;
  log(`1-minute load average at the start: ${load.toFixed(2)}`);
  if (load >= IDLE_LOAD) {
    const bar = '!'.repeat(78);
    console.error(
      [
        bar,
        `!!! WARNING: the 1-minute load average is ${load.toFixed(2)}, not under ${IDLE_LOAD}: the`,
        '!!! machine is busy, and the figures of this run will be low and unreliable.',
        '!!! Stop other work and rerun on an idle machine before you trust or publish them.',
        bar,
      ].join('\n'),
    );
  }
  return load;
}
