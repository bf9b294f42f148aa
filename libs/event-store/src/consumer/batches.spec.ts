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

  it('keeps a batch open while each next item comes within the linger, however long in all', async () => {
    async function* trickle(): AsyncGenerator<number> {
      for (const item of [1, 2, 3, 4, 5, 6]) {
        await new Promise((resolve) => setTimeout(resolve, 40));
        yield item;
      }
    }
    expect(await collect(batches(trickle(), 10, 150))).toEqual([[1, 2, 3, 4, 5, 6]]);
  });

  it('ends on an empty source', async () => {
    expect(await collect(batches(source([]), 5, 5))).toEqual([]);
  });
});
