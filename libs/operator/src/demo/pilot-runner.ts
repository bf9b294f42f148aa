import type { CloudEvent } from './cloud-event';
import type { EventPoster, PostOutcome } from './event-poster';
import type { ClientPlan, PilotPlan } from './pilot-plan';
import { PilotTally } from './pilot-tally';
import type { ProgressReporter } from './progress-reporter';

/** The intake takes at most this many events in one batch. */
const MAX_BATCH = 500;

export interface RunOptions {
  /** Clients posted at the same time; a client's own events always go one after the other. */
  concurrency: number;
  progress: ProgressReporter;
}

/**
 * Posts the plan through the public API. Clients run side by side, but each client's events are
 * posted in order (its consecutive events of one partner as one batch), as each builds on the last.
 * When the hub cannot be reached the run stops and the error is thrown.
 */
export async function runPilot(
  plan: PilotPlan,
  poster: EventPoster,
  { concurrency, progress }: RunOptions,
): Promise<PilotTally> {
  const tally = new PilotTally();
  const queue = plan.clients();
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    for (let next = queue.next(); !next.done && !failure; next = queue.next()) {
      try {
        const outcomes = await postClient(next.value, poster);
        tally.record(next.value, outcomes);
        progress.advance(outcomes.filter(Boolean).length);
      } catch (error) {
        failure = { error };
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(concurrency, plan.options.clients) }, worker));
  } finally {
    progress.stop();
  }
  if (failure) throw failure.error;
  return tally;
}

/** Stops at the first refusal: what follows would build on what the hub refused. */
async function postClient(
  client: ClientPlan,
  poster: EventPoster,
): Promise<(PostOutcome | undefined)[]> {
  const outcomes: (PostOutcome | undefined)[] = client.events.map(() => undefined);
  for (const { partnerId, from, events } of batchesOf(client)) {
    const answers = await poster.post(partnerId, events);
    answers.forEach((answer, index) => (outcomes[from + index] = answer));
    if (answers.some((answer) => !answer.accepted)) break;
  }
  return outcomes;
}

interface Batch {
  partnerId: string;
  /** Index of its first event in the client's events. */
  from: number;
  events: CloudEvent[];
}

/** Runs of consecutive events of one partner, each at most MAX_BATCH long. */
export function batchesOf(client: ClientPlan): Batch[] {
  const batches: Batch[] = [];
  client.events.forEach(({ partnerId, event }, index) => {
    const last = batches[batches.length - 1];
    if (last && last.partnerId === partnerId && last.events.length < MAX_BATCH) {
      last.events.push(event);
    } else {
      batches.push({ partnerId, from: index, events: [event] });
    }
  });
  return batches;
}
