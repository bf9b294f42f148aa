import { setTimeout as sleep } from 'node:timers/promises';
import { HubRequestError, type EventPoster, type PostOutcome } from '@samenloop/operator';

/**
 * A partner that keeps trying, as a real partner's outbox does: when the hub cannot be reached or
 * answers "unavailable" it posts the same events (same ids) again until the hub decides them. It
 * remembers every event the hub acknowledged, the promise the resilience tests hold the hub to.
 */
export class PersistentPoster implements EventPoster {
  /** `partnerId/cloudEventId` of every event the hub accepted. */
  readonly acknowledged = new Set<string>();
  /** Answers that asked to retry (503), and calls that reached no hub at all. */
  unavailableAnswers = 0;
  unreachable = 0;

  constructor(
    private readonly inner: EventPoster,
    private readonly patienceMs = 180_000,
  ) {}

  async post(
    partnerId: string,
    events: Parameters<EventPoster['post']>[1],
  ): Promise<PostOutcome[]> {
    const deadline = Date.now() + this.patienceMs;
    for (;;) {
      const outcomes = await this.attempt(partnerId, events);
      if (outcomes) {
        outcomes.forEach((outcome, index) => {
          if (outcome.accepted) this.acknowledged.add(`${partnerId}/${events[index]!.id}`);
        });
        return outcomes;
      }
      if (Date.now() > deadline) {
        throw new Error(`the hub did not take ${partnerId}'s events within ${this.patienceMs} ms`);
      }
      await sleep(250);
    }
  }

  /** The outcomes, or undefined when the hub asked to (or could not but) be asked again. */
  private async attempt(
    partnerId: string,
    events: Parameters<EventPoster['post']>[1],
  ): Promise<PostOutcome[] | undefined> {
    try {
      const outcomes = await this.inner.post(partnerId, events);
      const unavailable = outcomes.some(
        (outcome) => !outcome.accepted && outcome.problem.kind.startsWith('503 '),
      );
      if (!unavailable) return outcomes;
      this.unavailableAnswers += 1;
      return undefined;
    } catch (error) {
      if (!(error instanceof HubRequestError) || error.status !== undefined) throw error;
      this.unreachable += 1;
      return undefined;
    }
  }
}
