import { setTimeout as sleep } from 'node:timers/promises';

const LINGERED = Symbol('lingered');

export interface BatchOptions {
  /** At most this many items in a batch. */
  size: number;
  /** A batch closes when the next item takes longer than this. */
  lingerMs: number;
  /**
   * While the source keeps delivering, how long a batch gathers from its first item: see
   * `batches`. 0 never waits.
   */
  collectMs?: number;
}

/**
 * Groups an async iterator's items into batches of at most `size`. A batch closes when it is full
 * or when the next item takes longer than `lingerMs`, so catch-up runs in full batches while a
 * live event after a quiet spell is handled at once. When the source keeps delivering (the
 * batch's first item came within `collectMs` of the ask) and runs dry before the batch is full,
 * the batch first waits out `collectMs` from its first item without asking for more, then takes
 * what came meanwhile: at a steady load a batch then holds what arrived during that time, and its
 * source is read a few times per batch rather than once per item.
 */
export async function* batches<T>(
  iterator: AsyncIterator<T>,
  { size, lingerMs, collectMs = 0 }: BatchOptions,
): AsyncGenerator<T[]> {
  let pending = iterator.next();

  /** Adds items while each comes within `lingerMs`: true when the source ended. */
  const fill = async (batch: T[]): Promise<boolean> => {
    const linger = lingerTimer(lingerMs);
    try {
      while (batch.length < size) {
        const next = await Promise.race([pending, linger.elapsed]);
        if (next === LINGERED) return false;
        if (next.done) return true;
        batch.push(next.value);
        pending = iterator.next();
        linger.restart();
      }
      return false;
    } finally {
      linger.cancel();
    }
  };

  /** Whether the next item comes within `collectMs` of the ask: the source keeps delivering. */
  const comesSoon = async (): Promise<boolean> => {
    if (collectMs <= 0) return false;
    const asked = lingerTimer(collectMs);
    return (await Promise.race([pending, asked.elapsed]).finally(asked.cancel)) !== LINGERED;
  };

  for (;;) {
    const busy = await comesSoon();
    const first = await pending;
    if (first.done) return;
    const opened = Date.now();
    const batch = [first.value];
    pending = iterator.next();
    let ended = await fill(batch);
    if (busy && !ended && batch.length < size) {
      await sleep(Math.max(0, collectMs - (Date.now() - opened)));
      ended = await fill(batch);
    }
    yield batch;
    if (ended) return;
  }
}

/**
 * One timer for a whole batch, restarted as each item comes. A timer with an abort signal per item
 * cost more than a replayed event's handling: every abort builds an AbortError with its stack.
 */
function lingerTimer(ms: number): {
  elapsed: Promise<typeof LINGERED>;
  restart(): void;
  cancel(): void;
} {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<typeof LINGERED>((resolve) => {
    timer = setTimeout(resolve, ms, LINGERED);
  });
  return { elapsed, restart: () => timer?.refresh(), cancel: () => clearTimeout(timer) };
}
