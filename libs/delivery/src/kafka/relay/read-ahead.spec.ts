import type { FeedEntry } from '../../feed/partner-feed-types';
import { ReadAhead } from './read-ahead';

/** A feed of `size` entries (seq 1..size) read `batch` at a time, recording what was asked. */
function feedOf(size: number, batch: number) {
  const reads: number[] = [];
  const read = async (afterSeq: number): Promise<FeedEntry[]> => {
    reads.push(afterSeq);
    const seqs = Array.from(
      { length: Math.max(0, Math.min(batch, size - afterSeq)) },
      (_, n) => afterSeq + n + 1,
    );
    return seqs.map((seq) => ({ seq }) as FeedEntry);
  };
  return { reads, read, grow: (more: number) => (size += more) };
}

const seqsOf = async (entries: FeedEntry[]) => entries.map(({ seq }) => seq);

describe('reading ahead', () => {
  it('hands out every batch once, in feed order, then nothing until restarted', async () => {
    const feed = feedOf(7, 3);
    const batches = new ReadAhead(feed.read, seqsOf, 0);

    expect(await batches.next()).toEqual([1, 2, 3]);
    expect(await batches.next()).toEqual([4, 5, 6]);
    expect(await batches.next()).toEqual([7]);
    expect(await batches.next()).toBeUndefined();
    feed.grow(2);
    batches.restart(7);
    expect(await batches.next()).toEqual([8, 9]);
  });

  it('reads no more than two batches beyond the one taken', async () => {
    const feed = feedOf(100, 10);
    const batches = new ReadAhead(feed.read, seqsOf, 0);

    await batches.next();
    await new Promise((resolve) => setImmediate(resolve));

    expect(feed.reads).toEqual([0, 10, 20]);
  });

  it('surfaces a failed read where its batch is taken', async () => {
    const batches = new ReadAhead(
      async () => {
        throw new Error('database away');
      },
      seqsOf,
      0,
    );

    await expect(batches.next()).rejects.toThrow('database away');
    await batches.settle();
  });
});
