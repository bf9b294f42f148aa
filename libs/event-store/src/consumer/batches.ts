import { setTimeout as sleep } from 'node:timers/promises';

const LINGERED = Symbol('lingered');

/**
 * Groups an async iterator's items into batches of at most `size`: a batch closes when it is full
 * or when the next item takes longer than `lingerMs`, so catch-up runs in large batches while a
 * live event is handled at once.
 */
export async function* batches<T>(
  iterator: AsyncIterator<T>,
  size: number,
  lingerMs: number,
): AsyncGenerator<T[]> {
  let pending = iterator.next();
  for (;;) {
    const first = await pending;
    if (first.done) return;
    const batch = [first.value];
    pending = iterator.next();
    while (batch.length < size) {
      const linger = new AbortController();
      const next: IteratorResult<T> | typeof LINGERED = await Promise.race([
        pending,
        sleep(lingerMs, LINGERED, { signal: linger.signal }).catch((): typeof LINGERED => LINGERED),
      ]);
      linger.abort();
      if (next === LINGERED) break;
      if (next.done) {
        yield batch;
        return;
      }
      batch.push(next.value);
      pending = iterator.next();
    }
    yield batch;
  }
}
