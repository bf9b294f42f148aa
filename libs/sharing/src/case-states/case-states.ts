import { Injectable } from '@nestjs/common';
import type { ClientCaseState } from '@samenloop/domain';
import { LruCache } from '@samenloop/platform';

/** A client's case as of a revision of its stream (-1: no event yet). */
export interface CaseStateAt {
  revision: number;
  state: ClientCaseState;
  /** The case one revision earlier, where it was known when this one was. */
  previous?: ClientCaseState;
}

/** Client streams remembered per process: about 2.4 KB each, sharing most with `previous`. */
const CAPACITY = 10_000;

/**
 * The client cases this process last decided on, kept by the intake and shared with its workers:
 * a projection or the partner feed that is handed an event the intake appended a moment ago finds
 * the case before it here instead of reading the client's stream again. Only the intake adds to it, so a replay,
 * which has no intake behind it, does not fill it. A state at a revision never changes, so an
 * entry is always right for the revision it names.
 */
@Injectable()
export class CaseStates {
  private readonly cases = new LruCache<string, CaseStateAt>(CAPACITY);

  latest(stream: string): CaseStateAt | undefined {
    return this.cases.get(stream);
  }

  remember(stream: string, at: CaseStateAt): void {
    this.cases.set(stream, at);
  }

  forget(stream: string): void {
    this.cases.delete(stream);
  }

  /** The case just before the event at `revision` of the stream, where this process knows it. */
  before(stream: string, revision: number): ClientCaseState | undefined {
    const at = this.cases.get(stream);
    if (at?.revision === revision - 1) return at.state;
    if (at?.revision === revision) return at.previous;
    return undefined;
  }
}
