import { HubRequestError } from '../hub-client/hub-request.errors';
import type { CloudEvent } from './cloud-event';
import { DeciderHub } from './decider-hub.spec-helper';
import type { EventPoster, PostOutcome } from './event-poster';
import { GGZ, MUNICIPALITY } from './pilot-partners';
import { PilotPlan, type ClientPlan } from './pilot-plan';
import { batchesOf, runPilot } from './pilot-runner';

const plan = new PilotPlan({ clients: 60, seed: 7, runId: 'run', now: new Date() });
const planned = [...plan.clients()];
const eventCount = planned.reduce((sum, client) => sum + client.events.length, 0);

function progress() {
  return { advance: jest.fn(), stop: jest.fn() };
}

/** Lets every post wait a turn, so that posts of several clients overlap. */
function slowly(
  poster: EventPoster,
  calls: { partnerId: string; events: readonly CloudEvent[] }[],
) {
  let inFlight = 0;
  const seen = { most: 0 };
  const slow: EventPoster = {
    post: async (partnerId, events) => {
      calls.push({ partnerId, events });
      seen.most = Math.max(seen.most, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return poster.post(partnerId, events);
    },
  };
  return { slow, seen };
}

describe('runPilot', () => {
  it('posts every client side by side and each client’s events in order', async () => {
    const calls: { partnerId: string; events: readonly CloudEvent[] }[] = [];
    const { slow, seen } = slowly(new DeciderHub(), calls);
    const shown = progress();

    const tally = await runPilot(plan, slow, { concurrency: 8, progress: shown });

    expect(tally.rejected).toBe(0);
    expect(tally.acceptedTotal).toBe(eventCount);
    expect(tally.count('client-enrolled')).toBe(60);
    expect(seen.most).toBe(8);
    expect(shown.advance).toHaveBeenCalledTimes(60);
    expect(shown.stop).toHaveBeenCalledTimes(1);
    // Each call carries consecutive events of one partner, in the plan's order per client.
    const posted = new Map<string, string[]>();
    for (const { events } of calls) {
      for (const event of events) {
        const client = event.id.split('-')[2]!;
        posted.set(client, [...(posted.get(client) ?? []), event.id]);
      }
    }
    for (const client of planned) {
      expect(posted.get(String(client.index + 1))).toEqual(
        client.events.map(({ event }) => event.id),
      );
    }
  });

  it('stops a client at its first refusal and reports each kind of problem once', async () => {
    const hub = new DeciderHub();
    const refuseGoals: EventPoster = {
      post: async (partnerId, events) =>
        events.map((event): PostOutcome =>
          event.type === 'nl.samenloop.goal-set.v1'
            ? {
                accepted: false,
                problem: { kind: '422 goal-state', message: `422 goal-state: ${event.id}` },
              }
            : hub.accept(partnerId, event),
        ),
    };

    const tally = await runPilot(plan, refuseGoals, { concurrency: 4, progress: progress() });

    const withGoals = planned.filter((client) =>
      client.events.some(({ event }) => event.type === 'nl.samenloop.goal-set.v1'),
    );
    expect(tally.rejected).toBeGreaterThanOrEqual(withGoals.length);
    const summary = tally.summary();
    expect(summary).toContain(`events rejected          ${tally.rejected}`);
    expect(summary.filter((line) => line.includes('422 goal-state'))).toHaveLength(1);
    expect(summary.some((line) => line.startsWith('events not sent'))).toBe(true);
    expect(tally.acceptedTotal).toBeLessThan(eventCount - tally.rejected);
  });

  it('stops the whole run when the hub cannot be reached', async () => {
    const unreachable = new HubRequestError(
      'cannot reach the hub at http://127.0.0.1:9: ECONNREFUSED',
    );
    const post = jest.fn().mockRejectedValue(unreachable);
    const shown = progress();

    await expect(runPilot(plan, { post }, { concurrency: 4, progress: shown })).rejects.toBe(
      unreachable,
    );
    expect(post).toHaveBeenCalledTimes(4);
    expect(shown.stop).toHaveBeenCalledTimes(1);
  });
});

describe('batchesOf', () => {
  it('groups consecutive events of one partner, at most 500 to a batch', () => {
    const event = (partnerId: string, n: number) => ({
      partnerId,
      event: { id: `e-${n}` } as CloudEvent,
    });
    const client: ClientPlan = {
      index: 0,
      events: [
        ...Array.from({ length: 1200 }, (_, n) => event(MUNICIPALITY.id, n)),
        event(GGZ.id, 1200),
        event(MUNICIPALITY.id, 1201),
      ],
    };

    const batches = batchesOf(client);

    expect(batches.map(({ partnerId, from, events }) => [partnerId, from, events.length])).toEqual([
      [MUNICIPALITY.id, 0, 500],
      [MUNICIPALITY.id, 500, 500],
      [MUNICIPALITY.id, 1000, 200],
      [GGZ.id, 1200, 1],
      [MUNICIPALITY.id, 1201, 1],
    ]);
  });
});
