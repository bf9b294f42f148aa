import { setTimeout as sleep } from 'node:timers/promises';
import { BatchFlusher, type Settled } from './batch-flusher';

/** A flush that doubles numbers, refuses negative ones, and records its batches. */
function doubling(batches: number[][], delayMs = 10) {
  return async (items: readonly number[]): Promise<Settled<number>[]> => {
    batches.push([...items]);
    await sleep(delayMs);
    return items.map((item) =>
      item < 0
        ? { ok: false, error: new Error(`negative ${item}`) }
        : { ok: true, value: item * 2 },
    );
  };
}

describe('BatchFlusher', () => {
  it('flushes the items that arrive together in one batch', async () => {
    const batches: number[][] = [];
    const flusher = new BatchFlusher(doubling(batches));

    await expect(Promise.all([1, 2, 3].map((n) => flusher.submit(n)))).resolves.toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('gathers what arrives during a flush into the next one', async () => {
    const batches: number[][] = [];
    const flusher = new BatchFlusher(doubling(batches, 30));

    const first = flusher.submit(1);
    await sleep(5);
    const later = [2, 3, 4].map((n) => flusher.submit(n));

    await expect(Promise.all([first, ...later])).resolves.toEqual([2, 4, 6, 8]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('answers each item on its own', async () => {
    const flusher = new BatchFlusher(doubling([]));

    const results = await Promise.allSettled([1, -2, 3].map((n) => flusher.submit(n)));

    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('negative -2'));
  });

  it('fails every item of a flush that fails, and goes on with the next', async () => {
    let calls = 0;
    const flusher = new BatchFlusher(async (items: readonly number[]) => {
      calls += 1;
      if (calls === 1) throw new Error('connection lost');
      return items.map((item): Settled<number> => ({ ok: true, value: item }));
    });

    const failed = await Promise.allSettled([1, 2].map((n) => flusher.submit(n)));
    expect(failed.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    await expect(flusher.submit(3)).resolves.toBe(3);
  });

  it('keeps batches within maxBatch and flushes no more than `concurrency` at once', async () => {
    const batches: number[][] = [];
    let running = 0;
    let most = 0;
    const flusher = new BatchFlusher(
      async (items: readonly number[]) => {
        running += 1;
        most = Math.max(most, running);
        batches.push([...items]);
        await sleep(5);
        running -= 1;
        return items.map((item): Settled<number> => ({ ok: true, value: item }));
      },
      { maxBatch: 2, concurrency: 2 },
    );

    await Promise.all([1, 2, 3, 4, 5].map((n) => flusher.submit(n)));

    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(most).toBe(2);
  });
});
