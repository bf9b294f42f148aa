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
import type { CaseStates } from '@samenloop/sharing';
import type { CaseStep } from './case-step';
import type { PartnerKinds } from './partner-kinds';

const CLIENT_STREAM = /^client-(.+)$/;

export interface CaseHistoryOptions {
  /**
   * The states kept. The projections share one history, and one catching up on its own keeps
   * another while it does: at 10,000 states a few kilobytes each, seven of them held most of what
   * a replay added to the hub's heap. The clients active at one time in the log fit in 1,000.
   */
  capacity?: number;
  /**
   * The intake's, in a process that runs one: the case before an event it appended a moment ago,
   * for the clients the intake works on, which may be more than the history holds.
   */
  intakeStates?: Pick<CaseStates, 'before'>;
}

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
  private readonly intakeStates?: Pick<CaseStates, 'before'>;

  constructor(
    private readonly store: Pick<EventStore, 'readStream' | 'readStreams'>,
    private readonly partners: PartnerKinds,
    { capacity = 1_000, intakeStates }: CaseHistoryOptions = {},
  ) {
    this.latest = new LruCache(capacity);
    this.intakeStates = intakeStates;
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
   * The state before each stream's first event of the batch where the cache misses it: from the
   * intake where it knows it, the rest read together instead of a round trip per client on its
   * turn.
   */
  private async statesAtStart(events: readonly RecordedEvent[]): Promise<Map<string, KnownState>> {
    const start = new Map<string, KnownState>();
    const reads: { stream: string; limit: number }[] = [];
    const seen = new Set<string>();
    for (const { stream, revision, type } of events) {
      if (seen.has(stream) || !CLIENT_STREAM.test(stream) || !isEventType(type)) continue;
      seen.add(stream);
      if (revision === 0 || this.latest.get(stream)?.revision === revision - 1) continue;
      const state = this.intakeStates?.before(stream, revision);
      if (state) start.set(stream, { revision: revision - 1, state });
      else reads.push({ stream, limit: revision });
    }
    const states = await foldStreams(this.store, reads, stateOf);
    reads.forEach(({ stream, limit }, index) =>
      start.set(stream, { revision: limit - 1, state: states[index]! }),
    );
    return start;
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
