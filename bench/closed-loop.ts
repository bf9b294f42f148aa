/**
 * Closed-loop load without autocannon, for calls it cannot make (SQL statements) or check (a
 * batch's results): each connection makes one call after the other for a fixed time, and each
 * call is timed. The figures have autocannon's shape, so that reports treat both alike.
 */
import { performance } from 'node:perf_hooks';
import type { LoadResult } from './intake-load';
import { percentilesOf } from './percentiles';

/** What one call achieved. */
export interface CallOutcome {
  /** How it was answered (an HTTP status, or a label), counted per kind in `statuses`. */
  answer: string;
  /** Events it got stored. */
  accepted: number;
}

/** One connection's next call; a call that throws counts as an error and the loop goes on. */
export type Call = () => Promise<CallOutcome>;

export interface LoopResult extends LoadResult {
  /** Events stored over all calls. */
  accepted: number;
  /** The first error, when there were any. */
  firstError?: string;
}

export async function runClosedLoop(
  calls: readonly Call[],
  durationS: number,
): Promise<LoopResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let accepted = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = performance.now();
  const deadline = started + durationS * 1000;
  await Promise.all(
    calls.map(async (call) => {
      while (performance.now() < deadline) {
        const sent = performance.now();
        try {
          const outcome = await call();
          latencies.push(performance.now() - sent);
          statuses[outcome.answer] = (statuses[outcome.answer] ?? 0) + 1;
          accepted += outcome.accepted;
        } catch (error) {
          errors += 1;
          firstError ??= (error as Error).message;
        }
      }
    }),
  );
  const elapsedS = (performance.now() - started) / 1000;
  const { p50, p90, p99, max } = percentilesOf(latencies);
  return {
    durationS: elapsedS,
    responses: latencies.length,
    sent: latencies.length + errors,
    rps: latencies.length / elapsedS,
    p50Ms: p50,
    p90Ms: p90,
    p99Ms: p99,
    maxMs: max,
    statuses,
    errors,
    accepted,
    ...(firstError === undefined ? {} : { firstError }),
  };
}
