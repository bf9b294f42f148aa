import { EVENT_NAMES, type EventName } from '@samenloop/domain';
import { nameOf, type CloudEvent } from './cloud-event';
import type { EventProblem, PostOutcome } from './event-poster';
import type { ClientPlan } from './pilot-plan';

/**
 * What a run achieved, counted from the events the hub accepted only, so that the summary
 * describes what the hub now holds.
 */
export class PilotTally {
  private readonly accepted = new Map<EventName, number>();
  private readonly problems = new Map<string, { count: number; example: EventProblem }>();
  private rejectedCount = 0;
  private notSent = 0;
  /** Clients with two or more ladder measurements (the enrolment's start rung is the first). */
  private clientsMeasured = 0;
  private clientsRisen = 0;
  private clientsWithGoal = 0;
  private clientsReachingGoal = 0;

  /** `outcomes[i]` is what became of `client.events[i]`; undefined when it was not posted. */
  record(client: ClientPlan, outcomes: readonly (PostOutcome | undefined)[]): void {
    const rungs: number[] = [];
    let goals = 0;
    let reached = 0;
    client.events.forEach(({ event }, index) => {
      const outcome = outcomes[index];
      if (!outcome) {
        this.notSent++;
        return;
      }
      if (!outcome.accepted) {
        this.reject(outcome.problem);
        return;
      }
      const name = nameOf(event.type);
      this.accepted.set(name, this.count(name) + 1);
      const rung = rungOf(event);
      if (rung !== undefined) rungs.push(rung);
      if (name === 'goal-set') goals++;
      if (name === 'goal-achieved') reached++;
    });
    if (rungs.length > 1) this.clientsMeasured++;
    if (rungs.length > 1 && rungs[rungs.length - 1]! > rungs[0]!) this.clientsRisen++;
    if (goals > 0) this.clientsWithGoal++;
    if (reached > 0) this.clientsReachingGoal++;
  }

  count(name: EventName): number {
    return this.accepted.get(name) ?? 0;
  }

  get acceptedTotal(): number {
    return [...this.accepted.values()].reduce((sum, count) => sum + count, 0);
  }

  get rejected(): number {
    return this.rejectedCount;
  }

  get risen(): number {
    return this.clientsRisen;
  }

  summary(): string[] {
    const enrolled = this.count('client-enrolled');
    const made = this.count('referral-made');
    const accepted = this.count('referral-accepted');
    const declined = this.count('referral-declined');
    return [
      line('clients enrolled', enrolled),
      line('events accepted', this.acceptedTotal),
      ...EVENT_NAMES.filter((name) => this.count(name) > 0).map((name) =>
        line(`  ${name}`, this.count(name)),
      ),
      line('events rejected', this.rejectedCount),
      ...[...this.problems.values()].map(({ count, example }) => `  ${count} x ${example.message}`),
      ...(this.notSent
        ? [line('events not sent', `${this.notSent} (their client had an event rejected)`)]
        : []),
      line(
        'referrals',
        `${made} made: ${accepted} accepted, ${declined} declined, ${made - accepted - declined} unanswered`,
      ),
      // The outcomes page's measures, in the words of its explanations.
      line(
        'rose on the ladder',
        `${this.clientsRisen} of ${this.clientsMeasured}${percent(this.clientsRisen, this.clientsMeasured)}: of the clients with two or more measurements, the latest rung is above the first`,
      ),
      line(
        'goal reached',
        `${this.clientsReachingGoal} of ${this.clientsWithGoal}${percent(this.clientsReachingGoal, this.clientsWithGoal)}: of the clients with a goal, reached at least one`,
      ),
    ];
  }

  private reject(problem: EventProblem): void {
    this.rejectedCount++;
    const seen = this.problems.get(problem.kind);
    if (seen) seen.count++;
    else this.problems.set(problem.kind, { count: 1, example: problem });
  }
}

/** The start rung of the enrolment and every later measurement. */
function rungOf(event: CloudEvent): number | undefined {
  switch (event.type) {
    case 'nl.samenloop.client-enrolled.v1':
      return event.data.startRung;
    case 'nl.samenloop.ladder-step-reached.v1':
      return event.data.rung;
    default:
      return undefined;
  }
}

function line(label: string, value: number | string): string {
  return `${label.padEnd(24)} ${value}`;
}

function percent(part: number, whole: number): string {
  return whole ? ` (${Math.round((100 * part) / whole)}%)` : '';
}
