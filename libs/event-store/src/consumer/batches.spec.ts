import { batches } from './batches';

async function* source(items: number[], pauseAfter?: number): AsyncGenerator<number> {
  for (const item of items) {
    if (item === pauseAfter) await new Promise((resolve) => setTimeout(resolve, 50));
    yield item;
  }
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of iterable) all.push(item);
  return all;
}

describe('batches', () => {
  it('fills batches up to the size while items come at once', async () => {
    const result = await collect(batches(source([1, 2, 3, 4, 5]), { size: 2, lingerMs: 20 }));
    expect(result).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('closes a batch when the next item lingers', async () => {
    const result = await collect(batches(source([1, 2, 3, 4], 3), { size: 10, lingerMs: 10 }));
    expect(result).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('keeps a batch open while each next item comes within the linger, however long in all', async () => {
    async function* trickle(): AsyncGenerator<number> {
      for (const item of [1, 2, 3, 4, 5, 6]) {
        await new Promise((resolve) => setTimeout(resolve, 40));
        yield item;
      }
    }
    expect(await collect(batches(trickle(), { size: 10, lingerMs: 150 }))).toEqual([
      [1, 2, 3, 4, 5, 6],
    ]);
  });

  it('gathers for the collect time while items keep coming', async () => {
    // A log that grows by one item every 10 ms, read on demand: a 5 ms linger alone would close a
    // batch per item.
    const start = Date.now();
    async function* growing(): AsyncGenerator<number> {
      for (let item = 1; item <= 24; item++) {
        const due = start + item * 10 - Date.now();
        if (due > 0) await new Promise((resolve) => setTimeout(resolve, due));
        yield item;
      }
    }
    const sizes: number[] = [];
    for await (const batch of batches(growing(), { size: 100, lingerMs: 5, collectMs: 60 }))
      sizes.push(batch.length);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBe(24);
    expect(sizes.length).toBeLessThanOrEqual(8);
  });

  it('hands a lone item after a quiet spell on at once, without the collect time', async () => {
    async function* late(): AsyncGenerator<number> {
      await new Promise((resolve) => setTimeout(resolve, 60));
      yield 1;
      await new Promise((resolve) => setTimeout(resolve, 200));
      yield 2;
    }
    const handed: number[][] = [];
    const iterator = batches(late(), { size: 10, lingerMs: 5, collectMs: 40 });
    for await (const batch of iterator) handed.push(batch);
    expect(handed).toEqual([[1], [2]]);
  });

  it('ends on an empty source', async () => {
    expect(await collect(batches(source([]), { size: 5, lingerMs: 5 }))).toEqual([]);
  });
});
