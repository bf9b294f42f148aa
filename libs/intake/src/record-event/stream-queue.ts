/**
 * Runs tasks that share a key one after another, in the order they arrive, and tasks without a
 * shared key side by side. Serialising the writers of one client stream inside a process spares
 * them optimistic-concurrency retries; between processes the retries still decide.
 */
export class StreamQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every task queued before it under any of `keys`. */
  run<T>(keys: string | readonly string[], task: () => Promise<T>): Promise<T> {
    const all = typeof keys === 'string' ? [keys] : [...new Set(keys)];
    const previous = Promise.all(all.map((key) => this.tails.get(key)));
    // A failed task must not stop the ones queued behind it.
    const result = previous.then(task, task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of all) this.tails.set(key, tail);
    void tail.then(() => {
      for (const key of all) if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running. */
  get size(): number {
    return this.tails.size;
  }
}
