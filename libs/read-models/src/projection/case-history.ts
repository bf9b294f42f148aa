import {
  evolve,
  evolveAll,
  initialState,
  isEventType,
  toClientCaseEvent,
  type ClientCaseState,
} from '@samenloop/domain';
import { foldStreams, type EventStore, type RecordedEvent } from '@samenloop/event-store';
import { LruCache } from '@samenloop/platform';
import type { CaseStep } from './case-step';
import type { PartnerKinds } from './partner-kinds';

const CLIENT_STREAM = /^client-(.+)$/;

interface KnownState {
  revision: number;
  state: ClientCaseState;
}

function stateOf(earlier: readonly RecordedEvent[]): ClientCaseState {
  return evolveAll(earlier.filter(({ type }) => isEventType(type)).map(toClientCaseEvent));
}

/**
 * Turns stored events into case steps: each event with the case state before and after it, from
 * the domain's own `evolve`. The state after the last event seen of each stream is kept, keyed by
 * revision, so following the log costs no reads; a gap (a rebuild, a restart) replays that stream
 * up to the event from the store. A state at a revision never changes, so the cache is always
 * right; it is bounded, dropping the streams least recently seen.
 */
export class CaseHistory {
  private readonly latest: LruCache<string, KnownState>;

  constructor(
    private readonly store: Pick<EventStore, 'readStream' | 'readStreams'>,
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
    const batch = await this.statesAtStart(events);
    for (const recorded of events) {
      const clientId = CLIENT_STREAM.exec(recorded.stream)?.[1];
      if (clientId === undefined || !isEventType(recorded.type)) continue;
      const event = toClientCaseEvent(recorded);
      const before = await this.stateBefore(recorded, batch);
      const after = evolve(before, event);
      batch.set(recorded.stream, { revision: recorded.revision, state: after });
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

  /**
   * The state before each stream's first event of the batch where the cache misses it, read
   * together instead of a round trip per client on its turn.
   */
  private async statesAtStart(events: readonly RecordedEvent[]): Promise<Map<string, KnownState>> {
    const misses = new Map<string, number>();
    for (const { stream, revision, type } of events) {
      if (misses.has(stream) || !CLIENT_STREAM.test(stream) || !isEventType(type)) continue;
      const known = this.latest.get(stream);
      misses.set(stream, revision === 0 || known?.revision === revision - 1 ? -1 : revision);
    }
    const reads = [...misses]
      .filter(([, revision]) => revision > 0)
      .map(([stream, limit]) => ({ stream, limit }));
    const states = await foldStreams(this.store, reads, stateOf);
    return new Map(
      reads.map(({ stream, limit }, index) => [
        stream,
        { revision: limit - 1, state: states[index]! },
      ]),
    );
  }

  private async stateBefore(
    { stream, revision }: RecordedEvent,
    batch: ReadonlyMap<string, KnownState>,
  ): Promise<ClientCaseState> {
    if (revision === 0) return initialState;
    const known = batch.get(stream) ?? this.latest.get(stream);
    if (known?.revision === revision - 1) return known.state;
    return stateOf(await this.store.readStream(stream, { limit: revision }));
  }

  private remember(stream: string, revision: number, state: ClientCaseState): void {
    const known = this.latest.get(stream);
    // An event seen again (a redelivery) must not take the stream back to an older state.
    if (known && known.revision >= revision) return;
    this.latest.set(stream, { revision, state });
  }
}
