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
    let ended = false;
    const linger = lingerTimer(lingerMs);
    try {
      while (batch.length < size) {
        const next = await Promise.race([pending, linger.elapsed]);
        if (next === LINGERED) break;
        if (next.done) {
          ended = true;
          break;
        }
        batch.push(next.value);
        pending = iterator.next();
        linger.restart();
      }
    } finally {
      linger.cancel();
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
