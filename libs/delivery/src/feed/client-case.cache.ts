import {
  clientStream,
  type ClientCaseState,
  evolve,
  initialState,
  toClientCaseEvent,
} from '@samenloop/domain';
import type { EventStore, RecordedEvent } from '@samenloop/event-store';
import { LruCache } from '@samenloop/platform';

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
  const references = new Map(before.references);
  const own = referenceIn(recorded);
  if (own !== undefined) references.set(event.partnerId, own);
  return {
    revision: recorded.revision,
    state: evolve(before.state, event),
    references,
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

/**
 * Each client's case just before its next event, kept for the clients seen most recently. The
 * consumer sees each stream in revision order, so a hit is the entry one revision behind; anything
 * else (a miss, or a batch replayed after a rollback) is rebuilt from the stream.
 */
export class ClientCaseCache {
  private readonly cases: LruCache<string, CaseAt>;

  constructor(
    private readonly store: Pick<EventStore, 'readStream'>,
    /**
     * A case with its enrolment and references takes a few kilobytes: 10,000 of them held most of
     * what a replay added to the hub's heap. The clients active at one time in the log fit in this.
     */
    capacity = 1_000,
  ) {
    this.cases = new LruCache(capacity);
  }

  async before(clientId: string, revision: number): Promise<CaseAt> {
    const cached = this.cases.get(clientId);
    if (cached?.revision === revision - 1) return cached;
    if (revision === 0) return EMPTY;
    const events = await this.store.readStream(clientStream(clientId), { limit: revision });
    return events.filter((event) => event.revision < revision).reduce(caseAfter, EMPTY);
  }

  remember(clientId: string, at: CaseAt): void {
    this.cases.set(clientId, at);
  }
}
