import { WakeUps } from './wake-ups';

describe('WakeUps', () => {
  const never = new AbortController().signal;
  const settled = async (promise: Promise<void>) => {
    let done = false;
    void promise.then(() => (done = true));
    await new Promise(setImmediate);
    return done;
  };

  it('returns at once when a wake-up came after the generation the reader noted', async () => {
    const wakeUps = new WakeUps();
    const seen = wakeUps.generation;
    wakeUps.wake();
    expect(await settled(wakeUps.wait(seen, 60_000, never))).toBe(true);
  });

  it('waits for the next wake-up, and wakes every waiter', async () => {
    const wakeUps = new WakeUps();
    const waits = [1, 2].map(() => wakeUps.wait(wakeUps.generation, 60_000, never));
    expect(await settled(Promise.all(waits).then(() => undefined))).toBe(false);
    wakeUps.wake();
    expect(await settled(Promise.all(waits).then(() => undefined))).toBe(true);
  });

  it('ends the wait on abort, or when the time is up', async () => {
    const wakeUps = new WakeUps();
    const controller = new AbortController();
    const aborted = wakeUps.wait(wakeUps.generation, 60_000, controller.signal);
    controller.abort();
    expect(await settled(aborted)).toBe(true);
    await wakeUps.wait(wakeUps.generation, 1, never);
  });
});
