import {
  batches,
  type EventStore,
  type Position,
  type RecordedEvent,
} from '@samenloop/event-store';
import { CaseHistory } from './case-history';
import type { CaseStep } from './case-step';
import type { CaseStates } from '@samenloop/sharing';
import type { OrmSession } from './orm-session';
import type { PartnerKinds } from './partner-kinds';
import { commitBatch } from './projection-batch';
import { standingsOf } from './projection-ledger';
import type { ProjectionMember } from './projection-member';
import { Turns } from './turns';

export interface ProjectionLeadOptions {
  store: EventStore;
  partners: PartnerKinds;
  /** The intake's states, where this process runs one. */
  intakeStates?: Pick<CaseStates, 'before'>;
  log: (line: string) => void;
  /** Events per batch of the group, and per page of a projection catching up. */
  batchSize: number;
  /**
   * While events keep coming, how long a batch of the group gathers them; once caught up, the
   * log is read at most this often.
   */
  collectMs: number;
}

// A next live event after a quiet spell goes at once, with whatever follows within this.
const LINGER_MS = 5;
// Nothing to catch up: look again this often anyway. Everything that changes it also nudges.
const IDLE_MS = 1_000;

/**
 * One term of the group's leadership, on the session that holds its lock. One subscription to the
 * global log feeds every projection standing at the group's position: each batch's case steps are
 * computed once, and its writes and checkpoints commit in one transaction for all of them. A
 * projection standing elsewhere (rebuilt, reset for a new version, left out after a failure)
 * catches up on its own in pages from its checkpoint, and joins where the two meet: its page
 * reaches the group's position, or a batch of the group passes its checkpoint. Positions are only
 * compared for equality, as their numbers need not follow the log's order.
 */
export class ProjectionLead {
  /** The last position the group handled; null before the first. */
  private position: Position | null = null;
  private readonly history: CaseHistory;
  private readonly turns = new Turns();
  private readonly ended = new AbortController();
  private readonly signal: AbortSignal;
  private nudge?: () => void;

  constructor(
    private readonly session: OrmSession,
    private readonly members: readonly ProjectionMember[],
    private readonly options: ProjectionLeadOptions,
    stopping: AbortSignal,
  ) {
    this.history = this.newHistory();
    this.signal = AbortSignal.any([stopping, this.ended.signal]);
  }

  /** Until stopped; throws when the session fails, after both loops have let go of it. */
  async run(): Promise<void> {
    const standings = await standingsOf(
      this.session,
      this.members.map(({ projection }) => projection),
    );
    for (const member of this.members) member.resume(standings.get(member.name)!);
    this.position = mostCommon(this.members.map(({ checkpoint }) => checkpoint));
    const outcomes = await Promise.allSettled(
      [this.follow(), this.catchUp()].map((loop) =>
        loop.catch((error: unknown) => {
          this.ended.abort();
          throw error;
        }),
      ),
    );
    const failure = outcomes.find((outcome) => outcome.status === 'rejected');
    if (failure) throw failure.reason;
  }

  private async follow(): Promise<void> {
    const events = this.options.store.subscribeToAll({
      from: this.position ?? 'start',
      readIntervalMs: this.options.collectMs,
      signal: this.signal,
    });
    for await (const batch of batches(events[Symbol.asyncIterator](), {
      size: this.options.batchSize,
      lingerMs: LINGER_MS,
      collectMs: this.options.collectMs,
    })) {
      await this.turns.take(() => this.share(batch));
      this.nudge?.();
    }
  }

  /** The group's batch, for every projection at its position or passed in it. */
  private async share(batch: readonly RecordedEvent[]): Promise<void> {
    // Ending (stopped, or the other loop failed on the session): the next leader reads it again.
    if (this.signal.aborted) return;
    const last = batch[batch.length - 1]!.position;
    const firstToApply = new Map<ProjectionMember, number>();
    for (const member of this.members) {
      if (!member.ready) continue;
      if (member.checkpoint === this.position) firstToApply.set(member, 0);
      else {
        const at = batch.findIndex(({ position }) => position === member.checkpoint);
        if (at >= 0) firstToApply.set(member, at + 1);
      }
    }
    if (firstToApply.size > 0) {
      const steps = await this.history.stepsOf(batch);
      const shares = [...firstToApply].map(([member, first]) => ({
        member,
        steps: first === 0 ? steps : stepsOfEvents(steps, batch.slice(first)),
      }));
      const committed = await commitBatch(this.session, shares, last, this.options.log);
      for (const member of committed) member.rejoined();
    }
    this.position = last;
  }

  private async catchUp(): Promise<void> {
    while (!this.signal.aborted) {
      const due = this.members.filter((member) => this.trails(member));
      if (due.length === 0) await this.rest();
      for (const member of due) await this.turns.take(() => this.catchUpPage(member));
    }
  }

  /** Stands apart from the group, with events after its checkpoint to apply. */
  private trails(member: ProjectionMember): boolean {
    return member.ready && !member.ahead && member.checkpoint !== this.position;
  }

  private async catchUpPage(member: ProjectionMember): Promise<void> {
    if (this.signal.aborted || !this.trails(member)) return;
    let events: RecordedEvent[];
    let steps: CaseStep[];
    let meets: boolean;
    try {
      const page = await this.options.store.readAll({
        from: member.checkpoint ?? 'start',
        limit: this.options.batchSize,
      });
      if (page.length === 0) {
        member.ahead = true;
        return;
      }
      const at = page.findIndex(({ position }) => position === this.position);
      meets = at >= 0;
      events = meets ? page.slice(0, at + 1) : page;
      member.history ??= this.newHistory();
      steps = await member.history.stepsOf(events);
    } catch (error) {
      member.failed(error as Error);
      this.options.log(`projection ${member.name}: ${(error as Error).message}; retrying`);
      return;
    }
    const last = events[events.length - 1]!.position;
    const committed = await commitBatch(this.session, [{ member, steps }], last, this.options.log);
    if (committed.length > 0 && meets) member.rejoined();
  }

  private newHistory(): CaseHistory {
    const { store, partners, intakeStates } = this.options;
    return new CaseHistory(store, partners, { intakeStates });
  }

  /** Until a member may catch up again, the group nudges, or the lead ends. */
  private rest(): Promise<void> {
    const ms = Math.min(IDLE_MS, ...this.members.map(({ readyInMs }) => readyInMs || IDLE_MS));
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.signal.removeEventListener('abort', done);
        this.nudge = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.signal.addEventListener('abort', done, { once: true });
      this.nudge = done;
    });
  }
}

/** The steps of `events` only, from the steps of a batch they end. */
function stepsOfEvents(steps: readonly CaseStep[], events: readonly RecordedEvent[]): CaseStep[] {
  const positions = new Set(events.map(({ position }) => position));
  return steps.filter(({ position }) => positions.has(position));
}

/** Where most projections stand: the group starts there, the others catch up or wait. */
function mostCommon(checkpoints: readonly (Position | null)[]): Position | null {
  const counts = new Map<Position | null, number>();
  for (const checkpoint of checkpoints) counts.set(checkpoint, (counts.get(checkpoint) ?? 0) + 1);
  let best: Position | null = null;
  let bestCount = 0;
  for (const [checkpoint, count] of counts) {
    if (count > bestCount) [best, bestCount] = [checkpoint, count];
  }
  return best;
}
