import {
  evolve,
  evolveAll,
  initialState,
  isEventType,
  toClientCaseEvent,
  type ClientCaseState,
} from '@samenloop/domain';
import type { EventStore, RecordedEvent } from '@samenloop/event-store';
import { LruCache } from '@samenloop/platform';
import type { CaseStep } from './case-step';
import type { PartnerKinds } from './partner-kinds';

const CLIENT_STREAM = /^client-(.+)$/;

/**
 * Turns stored events into case steps: each event with the case state before and after it, from
 * the domain's own `evolve`. The state after the last event seen of each stream is kept, keyed by
 * revision, so following the log costs no reads; a gap (a rebuild, a restart) replays that stream
 * up to the event from the store. A state at a revision never changes, so the cache is always
 * right; it is bounded, dropping the streams least recently seen.
 */
export class CaseHistory {
  private readonly latest: LruCache<string, { revision: number; state: ClientCaseState }>;

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    private readonly partners: PartnerKinds,
    /**
     * The projections share one, and one catching up on its own keeps another while it does: at
     * 10,000 states a few kilobytes each, seven of them held most of what a replay added to the
     * hub's heap. The clients active at one time fit in this.
     */
    capacity = 1_000,
  ) {
    this.latest = new LruCache(capacity);
  }

  async stepsOf(events: readonly RecordedEvent[]): Promise<CaseStep[]> {
    const steps: CaseStep[] = [];
    for (const recorded of events) {
      const clientId = CLIENT_STREAM.exec(recorded.stream)?.[1];
      if (clientId === undefined || !isEventType(recorded.type)) continue;
      const event = toClientCaseEvent(recorded);
      const before = await this.stateBefore(recorded);
      const after = evolve(before, event);
      this.remember(recorded.stream, recorded.revision, after);
      const senderKind = await this.partners.kindOf(event.partnerId);
      const subject = recorded.metadata.subject;
      steps.push({
        position: recorded.position,
        clientId,
        event,
        before,
        after,
        ...(senderKind === undefined ? {} : { senderKind }),
        ...(typeof subject === 'string' ? { subject } : {}),
      });
    }
    return steps;
  }

  private async stateBefore({ stream, revision }: RecordedEvent): Promise<ClientCaseState> {
    if (revision === 0) return initialState;
    const known = this.latest.get(stream);
    if (known?.revision === revision - 1) return known.state;
    const earlier = await this.store.readStream(stream, { limit: revision });
    return evolveAll(earlier.filter(({ type }) => isEventType(type)).map(toClientCaseEvent));
  }

  private remember(stream: string, revision: number, state: ClientCaseState): void {
    const known = this.latest.get(stream);
    // An event seen again (a redelivery) must not take the stream back to an older state.
    if (known && known.revision >= revision) return;
    this.latest.set(stream, { revision, state });
  }
}
