import { setTimeout as sleep } from 'node:timers/promises';
import { StreamQueue } from './stream-queue';

describe('StreamQueue', () => {
  it('runs the tasks of one key one at a time, in arrival order', async () => {
    const queue = new StreamQueue();
    const log: string[] = [];
    const task = (name: string, ms: number) => async () => {
      log.push(`start ${name}`);
      await sleep(ms);
      log.push(`end ${name}`);
      return name;
    };

    const results = await Promise.all([
      queue.run('a', task('1', 20)),
      queue.run('a', task('2', 1)),
      queue.run('a', task('3', 5)),
    ]);

    expect(results).toEqual(['1', '2', '3']);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('runs different keys side by side', async () => {
    const queue = new StreamQueue();
    const log: string[] = [];
    const slow = queue.run('a', async () => {
      await sleep(20);
      log.push('a');
    });
    await queue.run('b', async () => {
      log.push('b');
    });
    await slow;
    expect(log).toEqual(['b', 'a']);
  });

  it('goes on after a failed task and forgets idle keys', async () => {
    const queue = new StreamQueue();
    const failed = queue.run('a', () => Promise.reject(new Error('refused')));
    const next = queue.run('a', async () => 'next');

    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('next');
    await sleep(0);
    expect(queue.size).toBe(0);
  });

  it('runs a task with several keys after the tasks of each of them', async () => {
    const queue = new StreamQueue();
    const log: string[] = [];
    const gates = { a: gate(), b: gate() };
    const gated = (name: 'a' | 'b') => async () => {
      await gates[name].opened;
      log.push(name);
    };
    const step = (name: string) => async () => {
      log.push(name);
    };

    const all = Promise.all([
      queue.run('a', gated('a')),
      queue.run('b', gated('b')),
      queue.run(['a', 'b'], step('a+b')),
      queue.run('c', step('c')),
      queue.run('b', step('b again')),
    ]);
    await sleep(0);
    gates.b.open();
    await sleep(0);
    expect(log).toEqual(['c', 'b']);
    gates.a.open();
    await all;

    expect(log).toEqual(['c', 'b', 'a', 'a+b', 'b again']);
  });
});

function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => undefined as void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
