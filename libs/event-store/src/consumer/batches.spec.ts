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
    const result = await collect(batches(source([1, 2, 3, 4, 5]), 2, 20));
    expect(result).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('closes a batch when the next item lingers', async () => {
    const result = await collect(batches(source([1, 2, 3, 4], 3), 10, 10));
    expect(result).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });

  it('ends on an empty source', async () => {
    expect(await collect(batches(source([]), 5, 5))).toEqual([]);
  });
});
