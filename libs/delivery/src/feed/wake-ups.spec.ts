import { partnersIn } from './feed.notifications';
import { WakeUps } from './wake-ups';

const LONG = 60_000;

/** Whether the wait has ended once everything already due has run. */
async function ended(wait: Promise<void>): Promise<boolean> {
  let done = false;
  void wait.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('feed wake-ups', () => {
  it('wakes a partner’s readers on a notice naming it, not on one naming another', async () => {
    const wakeUps = new WakeUps();
    const stop = new AbortController();
    const ggz = wakeUps.wait(wakeUps.generation('ggz'), LONG, {
      partnerId: 'ggz',
      signal: stop.signal,
    });
    const werk = wakeUps.wait(wakeUps.generation('werk'), LONG, {
      partnerId: 'werk',
      signal: stop.signal,
    });

    wakeUps.wake(['ggz', 'gemeente']);

    expect(await ended(ggz)).toBe(true);
    expect(await ended(werk)).toBe(false);
    stop.abort();
    expect(await ended(werk)).toBe(true);
  });

  it('wakes every reader on a notice naming no one, and a waiter for any partner on every notice', async () => {
    const wakeUps = new WakeUps();
    const any = () => wakeUps.wait(wakeUps.generation(), LONG);
    const forAnyone = [any(), any(), any()];
    const ggz = wakeUps.wait(wakeUps.generation('ggz'), LONG, { partnerId: 'ggz' });

    wakeUps.wake(['werk']);
    expect(await ended(forAnyone[0]!)).toBe(true);
    wakeUps.wake([]);
    expect(await ended(forAnyone[1]!)).toBe(true);
    expect(await ended(ggz)).toBe(false);
    wakeUps.wake();
    expect(await ended(forAnyone[2]!)).toBe(true);
    expect(await ended(ggz)).toBe(true);
  });

  it('ends a wait at once when a notice for the partner came after its generation was noted', async () => {
    const wakeUps = new WakeUps();
    const seen = wakeUps.generation('ggz');
    wakeUps.wake(['werk']);
    expect(wakeUps.generation('ggz')).toBe(seen);
    wakeUps.wake(['ggz']);

    expect(await ended(wakeUps.wait(seen, LONG, { partnerId: 'ggz' }))).toBe(true);
  });

  it('reads the partners a feed notice names; anything else concerns every partner', () => {
    expect(partnersIn('["ggz","werk"]')).toEqual(['ggz', 'werk']);
    expect(partnersIn('')).toBeUndefined();
    expect(partnersIn('1234')).toBeUndefined();
    expect(partnersIn('[1]')).toBeUndefined();
    expect(partnersIn(undefined)).toBeUndefined();
  });
});
