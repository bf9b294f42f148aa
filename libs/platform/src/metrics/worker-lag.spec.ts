import { WorkerLagRegistry, type WorkerLag } from './worker-lag';

const lag = (events: number): WorkerLag => ({ events, seconds: events / 10 });

describe('WorkerLagRegistry', () => {
  it('reports each tracked worker by name, the larger lag when a name runs twice', async () => {
    const registry = new WorkerLagRegistry();
    registry.track('projection', async () => lag(3));
    registry.track('feed', async () => lag(1));
    registry.track('feed', async () => lag(7));

    expect(await registry.sample()).toEqual(
      new Map([
        ['projection', lag(3)],
        ['feed', lag(7)],
      ]),
    );
  });

  it('leaves out standbys, failing samplers and untracked workers', async () => {
    const registry = new WorkerLagRegistry();
    registry.track('standby', async () => null);
    registry.track('broken', async () => {
      throw new Error('database gone');
    });
    const untrack = registry.track('stopped', async () => lag(5));
    untrack();

    expect(await registry.sample()).toEqual(new Map());
  });

  it('shares one round of samples among concurrent asks', async () => {
    const registry = new WorkerLagRegistry();
    let calls = 0;
    registry.track('feed', async () => {
      calls += 1;
      return lag(calls);
    });

    const [first, second] = await Promise.all([registry.sample(), registry.sample()]);

    expect(calls).toBe(1);
    expect(second).toBe(first);
    expect((await registry.sample()).get('feed')).toEqual(lag(2));
  });
});
