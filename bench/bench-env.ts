/** The benches' settings from the environment. */

/** A positive number from `name`, or `fallback` when it is unset or empty. */
export function numberFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number`);
  return parsed;
}

/**
 * Whether a bench writes its section of BENCHMARKS.md: unless its own variable (`name`) or
 * BENCH_WRITE, for every bench at once, is `off`.
 */
export function writesReport(name: string): boolean {
  return process.env[name] !== 'off' && process.env.BENCH_WRITE !== 'off';
}
