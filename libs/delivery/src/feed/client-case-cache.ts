import {
  clientStream,
  type ClientCaseState,
  evolve,
  initialState,
  toClientCaseEvent,
} from '@samenloop/domain';
import { foldStreams, type EventStore, type RecordedEvent } from '@samenloop/event-store';
import { LruCache } from '@samenloop/platform';
import type { CaseStates } from '@samenloop/sharing';

/** A client's case as the feed knows it after one of its events. */
export interface CaseAt {
  /** The revision of the last event applied. */
  revision: number;
  state: ClientCaseState;
  /** partner id -> the partner's latest own reference in the stream (enrolment, link, signal). */
  references: ReadonlyMap<string, string>;
  /** The client's enrolment as stored: a partner that joins later is caught up with it. */
  enrolment?: RecordedEvent;
}

const EMPTY: CaseAt = { revision: -1, state: initialState, references: new Map() };

/** The case after one more event. Pure. */
export function caseAfter(before: CaseAt, recorded: RecordedEvent): CaseAt {
  const event = toClientCaseEvent(recorded);
  const own = referenceIn(recorded);
  return {
    revision: recorded.revision,
    state: evolve(before.state, event),
    // Copied only when it changes: a case is folded event by event, most of which name none.
    references:
      own === undefined ? before.references : new Map(before.references).set(event.partnerId, own),
    enrolment: event.type === 'nl.samenloop.client-enrolled.v1' ? recorded : before.enrolment,
  };
}

/** The sender's own reference where an event names it; signals name it only as their subject. */
function referenceIn({ type, data, metadata }: RecordedEvent): string | undefined {
  switch (type) {
    case 'nl.samenloop.client-enrolled.v1':
    case 'nl.samenloop.client-reference-linked.v1':
      return (data as { reference?: string }).reference;
    case 'nl.samenloop.involvement-signalled.v1':
      return typeof metadata.subject === 'string' ? metadata.subject : undefined;
    default:
      return undefined;
  }
}

/** One client-case event with the client's case just before it and just after it. */
export interface CaseStep {
  clientId: string;
  recorded: RecordedEvent;
  before: CaseAt;
  after: CaseAt;
}

const CLIENT_STREAM_PREFIX = 'client-';

/** A case without its state: the references and the enrolment, which few events change. */
type CaseIdentity = Omit<CaseAt, 'state'>;

export interface ClientCaseCacheOptions {
  /**
   * Cases kept whole. A case with its state takes a few kilobytes: 10,000 of them held most of
   * what a replay added to the hub's heap. The clients active at one time in the log fit in 1,000.
   */
  capacity?: number;
  /** Cases kept without their state, for the states the intake knows (10,000). */
  identities?: number;
  /** The intake's, in a process that runs one: the state before an event it just appended. */
  intakeStates?: Pick<CaseStates, 'before'>;
}

/**
 * Each client's case just before its next event, kept for the clients seen most recently. The
 * consumer sees each stream in revision order, so a hit is the entry one revision behind; a case
 * whose state the cache no longer holds is made whole with the intake's state where it has it;
 * anything else (a miss, or a batch replayed after a rollback) is rebuilt from the stream.
 */
export class ClientCaseCache {
  private readonly cases: LruCache<string, CaseAt>;
  private readonly identities: LruCache<string, CaseIdentity>;
  private readonly intakeStates?: Pick<CaseStates, 'before'>;

  constructor(
    private readonly store: Pick<EventStore, 'readStreams'>,
    { capacity = 1_000, identities = 10_000, intakeStates }: ClientCaseCacheOptions = {},
  ) {
    this.cases = new LruCache(capacity);
    this.identities = new LruCache(identities);
    this.intakeStates = intakeStates;
  }

  /**
   * The client-case events of a batch, in order, each with its client's case before and after it.
   * The cases the batch starts from that the cache misses are read first, in one read of their
   * streams, instead of one round trip per client on its turn.
   */
  async steps(events: readonly RecordedEvent[]): Promise<CaseStep[]> {
    const current = await this.startOf(events);
    const steps: CaseStep[] = [];
    for (const recorded of events) {
      const clientId = clientIdOf(recorded);
      if (clientId === undefined) continue;
      const known = current.get(clientId);
      const before =
        known?.revision === recorded.revision - 1
          ? known
          : (await this.read([[clientId, recorded.revision]]))[0]!;
      const after = caseAfter(before, recorded);
      current.set(clientId, after);
      this.remember(clientId, after);
      steps.push({ clientId, recorded, before, after });
    }
    return steps;
  }

  /** Each client's case just before its first event of the batch. */
  private async startOf(events: readonly RecordedEvent[]): Promise<Map<string, CaseAt>> {
    const start = new Map<string, CaseAt>();
    const misses: [string, number][] = [];
    const seen = new Set<string>();
    for (const recorded of events) {
      const clientId = clientIdOf(recorded);
      if (clientId === undefined || seen.has(clientId)) continue;
      seen.add(clientId);
      const cached = this.cases.get(clientId);
      if (cached?.revision === recorded.revision - 1) start.set(clientId, cached);
      else if (recorded.revision === 0) start.set(clientId, EMPTY);
      else {
        const fromIntake = this.withIntakeState(clientId, recorded.revision);
        if (fromIntake) start.set(clientId, fromIntake);
        else misses.push([clientId, recorded.revision]);
      }
    }
    const read = await this.read(misses);
    misses.forEach(([clientId], index) => start.set(clientId, read[index]!));
    return start;
  }

  private remember(clientId: string, after: CaseAt): void {
    this.cases.set(clientId, after);
    // Only of use with the intake's states: a process without them keeps none.
    if (!this.intakeStates) return;
    const { revision, references, enrolment } = after;
    this.identities.set(clientId, { revision, references, enrolment });
  }

  /** The case just before `revision`, from its identity here and the intake's state. */
  private withIntakeState(clientId: string, revision: number): CaseAt | undefined {
    const identity = this.identities.get(clientId);
    if (identity?.revision !== revision - 1) return undefined;
    const state = this.intakeStates?.before(clientStream(clientId), revision);
    return state && { ...identity, state };
  }

  /** Each client's case just before the revision given, read from their streams together. */
  private async read(wanted: readonly (readonly [string, number])[]): Promise<CaseAt[]> {
    if (wanted.length === 0) return [];
    return foldStreams(
      this.store,
      wanted.map(([clientId, revision]) => ({ stream: clientStream(clientId), limit: revision })),
      (events) => events.reduce(caseAfter, EMPTY),
    );
  }
}

/** The client a stored event is about, or undefined for an event outside the client streams. */
function clientIdOf({ stream }: RecordedEvent): string | undefined {
  return stream.startsWith(CLIENT_STREAM_PREFIX)
    ? stream.slice(CLIENT_STREAM_PREFIX.length)
    : undefined;
}
