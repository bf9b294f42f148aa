import type { HubClient } from '../hub-client/hub.client';
import { HubRequestError } from '../hub-client/hub-request.errors';
import { CLOUDEVENTS_BATCH_MEDIA_TYPE } from '@samenloop/contracts';
import type { CloudEvent } from './cloud-event';

/** Why the hub refused an event: `kind` groups alike refusals (`422 referral-state`). */
export interface EventProblem {
  kind: string;
  message: string;
}

export type PostOutcome = { accepted: true } | { accepted: false; problem: EventProblem };

/** Posts consecutive events of one partner, in order, and says what became of each. */
export interface EventPoster {
  post(partnerId: string, events: readonly CloudEvent[]): Promise<PostOutcome[]>;
}

/** The problem+json document of one refused event in a batch answer. */
interface ItemProblem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { path: string; message: string }[];
  /** Seconds to wait, on a 429 (e.g. too many BSN signals this minute). */
  retryAfter?: number;
}

interface BatchAnswer {
  results: { index: number; status: number; problem?: ItemProblem }[];
}

/** How often one batch's throttled tail is posted again before its refusals count. */
const THROTTLED_RETRIES = 5;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Posts through the hub's public intake as a batch, with each partner's own token. Events the hub
 * throttled (429 with `retryAfter`) are posted again, from the first of them on, after the wait it
 * names: the events after it may depend on it, and those already stored are answered as resends.
 */
export class HubEventPoster implements EventPoster {
  private readonly clients: ReadonlyMap<string, HubClient>;

  constructor(
    hub: HubClient,
    tokens: ReadonlyMap<string, string>,
    private readonly wait: (ms: number) => Promise<void> = sleep,
  ) {
    this.clients = new Map(
      [...tokens].map(([partnerId, token]) => [partnerId, hub.withToken(token)]),
    );
  }

  async post(partnerId: string, events: readonly CloudEvent[]): Promise<PostOutcome[]> {
    const client = this.clients.get(partnerId);
    if (!client) throw new Error(`no token for partner ${partnerId}`);
    return this.postBatch(client, events, THROTTLED_RETRIES);
  }

  private async postBatch(
    client: HubClient,
    events: readonly CloudEvent[],
    retries: number,
  ): Promise<PostOutcome[]> {
    try {
      const { body } = await client.request<BatchAnswer>(
        'POST',
        '/v1/events',
        events,
        CLOUDEVENTS_BATCH_MEDIA_TYPE,
      );
      const byIndex = new Map(body.results.map((result) => [result.index, result]));
      const results = events.map((_, index) => byIndex.get(index));
      const throttled = results.findIndex((result) => result?.problem?.retryAfter !== undefined);
      if (throttled < 0 || retries === 0) return results.map(outcomeOf);
      await this.wait(results[throttled]!.problem!.retryAfter! * 1_000);
      const rest = await this.postBatch(client, events.slice(throttled), retries - 1);
      return [...results.slice(0, throttled).map(outcomeOf), ...rest];
    } catch (error) {
      // Unreachable (no status): nothing more can be posted, so the run stops.
      if (!(error instanceof HubRequestError) || error.status === undefined) throw error;
      const kind = `${error.status} ${error.problemType ?? 'batch-refused'}`;
      return events.map(() => ({ accepted: false, problem: { kind, message: error.message } }));
    }
  }
}

function outcomeOf(result: BatchAnswer['results'][number] | undefined): PostOutcome {
  if (!result) {
    return {
      accepted: false,
      problem: { kind: 'no-result', message: 'the hub answered without a result for this event' },
    };
  }
  if (result.status < 300) return { accepted: true };
  const problem = result.problem ?? {};
  const kind = `${result.status} ${problem.type?.split('/').pop() ?? 'refused'}`;
  const fields = problem.errors?.map(({ path, message }) => `${path} ${message}`).join('; ');
  const what = problem.detail ?? problem.title ?? 'refused';
  return {
    accepted: false,
    problem: { kind, message: `${kind}: ${what}${fields ? ` (${fields})` : ''}` },
  };
}
