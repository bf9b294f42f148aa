import type { CloudEvent } from './cloud-event';
import type { ClientPlan } from './pilot-plan';
import { PilotTally } from './pilot-tally';

let ids = 0;
const event = (name: string, data: object) =>
  ({ type: `nl.samenloop.${name}.v1`, id: `e${++ids}`, data }) as unknown as CloudEvent;
const enrolled = (startRung: number) => event('client-enrolled', { startRung });
const client = (...events: CloudEvent[]): ClientPlan => ({
  index: 0,
  events: events.map((planned) => ({ partnerId: 'gemeente', event: planned })),
});

function summaryOf(...clients: ClientPlan[]): string[] {
  const tally = new PilotTally();
  for (const plan of clients)
    tally.record(
      plan,
      plan.events.map(() => ({ accepted: true })),
    );
  return tally.summary();
}

describe('the pilot tally', () => {
  it('counts as the outcomes page does: clients measured twice, clients with a goal', () => {
    const summary = summaryOf(
      // Only the start rung: not measured twice, so not counted on the ladder.
      client(enrolled(2), event('goal-set', { goalId: 'g1' })),
      client(
        enrolled(1),
        event('ladder-step-reached', { rung: 2 }),
        event('goal-set', { goalId: 'g1' }),
        event('goal-set', { goalId: 'g2' }),
        event('goal-achieved', { goalId: 'g1' }),
      ),
      client(enrolled(3), event('ladder-step-reached', { rung: 3 })),
    );

    expect(summary).toContain(
      'rose on the ladder       1 of 2 (50%): of the clients with two or more measurements, the latest rung is above the first',
    );
    expect(summary).toContain(
      'goal reached             1 of 2 (50%): of the clients with a goal, reached at least one',
    );
  });
});
