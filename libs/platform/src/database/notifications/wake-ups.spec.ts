import { WakeUps } from './wake-ups';

const LONG = 60_000;

/** Whether the wait has ended once everything already due has run. */
async function ended(wait: Promise<void>): Promise<boolean> {
  let done = false;
  void wait.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('WakeUps', () => {
  it('returns at once when a wake-up came after the generation the waiter noted', async () => {
    const wakeUps = new WakeUps();
    const seen = wakeUps.generation();
    wakeUps.wake();
    expect(await ended(wakeUps.wait(seen, LONG))).toBe(true);
  });

  it('waits for the next wake-up, and wakes every waiter', async () => {
    const wakeUps = new WakeUps();
    const waits = [1, 2].map(() => wakeUps.wait(wakeUps.generation(), LONG));
    expect(await ended(Promise.all(waits).then(() => undefined))).toBe(false);
    wakeUps.wake();
    expect(await ended(Promise.all(waits).then(() => undefined))).toBe(true);
  });

  it('ends the wait on abort, or when the time is up', async () => {
    const wakeUps = new WakeUps();
    const controller = new AbortController();
    const aborted = wakeUps.wait(wakeUps.generation(), LONG, { signal: controller.signal });
    controller.abort();
    expect(await ended(aborted)).toBe(true);
    await wakeUps.wait(wakeUps.generation(), 1);
  });

  it('wakes a topic’s waiters on a signal naming it, not on one naming another', async () => {
    const wakeUps = new WakeUps();
    const stop = new AbortController();
    const ggz = wakeUps.wait(wakeUps.generation('ggz'), LONG, {
      topic: 'ggz',
      signal: stop.signal,
    });
    const werk = wakeUps.wait(wakeUps.generation('werk'), LONG, {
      topic: 'werk',
      signal: stop.signal,
    });

    wakeUps.wake(['ggz', 'gemeente']);

    expect(await ended(ggz)).toBe(true);
    expect(await ended(werk)).toBe(false);
    stop.abort();
    expect(await ended(werk)).toBe(true);
  });

  it('wakes every waiter on a signal naming no topic, and a waiter for any topic on every signal', async () => {
    const wakeUps = new WakeUps();
    const any = () => wakeUps.wait(wakeUps.generation(), LONG);
    const forAnyone = [any(), any(), any()];
    const ggz = wakeUps.wait(wakeUps.generation('ggz'), LONG, { topic: 'ggz' });

    wakeUps.wake(['werk']);
    expect(await ended(forAnyone[0]!)).toBe(true);
    wakeUps.wake([]);
    expect(await ended(forAnyone[1]!)).toBe(true);
    expect(await ended(ggz)).toBe(false);
    wakeUps.wake();
    expect(await ended(forAnyone[2]!)).toBe(true);
    expect(await ended(ggz)).toBe(true);
  });

  it('ends a wait at once when a signal for the topic came after its generation was noted', async () => {
    const wakeUps = new WakeUps();
    const seen = wakeUps.generation('ggz');
    wakeUps.wake(['werk']);
    expect(wakeUps.generation('ggz')).toBe(seen);
    wakeUps.wake(['ggz']);

    expect(await ended(wakeUps.wait(seen, LONG, { topic: 'ggz' }))).toBe(true);
  });
});
