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
        ['projection', { ...lag(3), gatesReadiness: true }],
        ['feed', { ...lag(7), gatesReadiness: true }],
      ]),
    );
  });

  it('reports a group by name, marked when it must not fail readiness', async () => {
    const registry = new WorkerLagRegistry();
    registry.trackGroup(
      async () =>
        new Map([
          ['webhook:a', lag(2)],
          ['webhook:b', lag(0)],
        ]),
      { gatesReadiness: false },
    );

    expect(await registry.sample()).toEqual(
      new Map([
        ['webhook:a', { ...lag(2), gatesReadiness: false }],
        ['webhook:b', { ...lag(0), gatesReadiness: false }],
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

  it('leaves out a sampler that does not answer in time', async () => {
    const registry = new WorkerLagRegistry();
    let stuckCalls = 0;
    registry.track('stuck', () => {
      stuckCalls += 1;
      return new Promise(() => undefined);
    });
    registry.track('feed', async () => lag(1));

    expect([...(await registry.sample()).keys()]).toEqual(['feed']);
    // The next round waits on the same sample rather than starting another.
    await registry.sample();
    expect(stuckCalls).toBe(1);
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
    expect((await registry.sample()).get('feed')).toMatchObject(lag(2));
  });
});
