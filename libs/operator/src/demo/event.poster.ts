import type { HubClient } from '../hub-client/hub.client';
import { HubRequestError } from '../hub-client/hub-request.error';
import { CLOUDEVENTS_BATCH_MEDIA_TYPE, type CloudEvent } from './cloud-event';

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
}

interface BatchAnswer {
  results: { index: number; status: number; problem?: ItemProblem }[];
}

/** Posts through the hub's public intake as a batch, with each partner's own token. */
export class HubEventPoster implements EventPoster {
  private readonly clients: ReadonlyMap<string, HubClient>;

  constructor(hub: HubClient, tokens: ReadonlyMap<string, string>) {
    this.clients = new Map(
      [...tokens].map(([partnerId, token]) => [partnerId, hub.withToken(token)]),
    );
  }

  async post(partnerId: string, events: readonly CloudEvent[]): Promise<PostOutcome[]> {
    const client = this.clients.get(partnerId);
    if (!client) throw new Error(`no token for partner ${partnerId}`);
    try {
      const { body } = await client.request<BatchAnswer>(
        'POST',
        '/v1/events',
        events,
        CLOUDEVENTS_BATCH_MEDIA_TYPE,
      );
      const results = new Map(body.results.map((result) => [result.index, result]));
      return events.map((_, index) => outcomeOf(results.get(index)));
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
