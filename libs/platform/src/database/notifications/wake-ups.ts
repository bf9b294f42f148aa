/** Waits on signals about one topic, or on every signal when no topic is named. */
type WaitingFor = string | undefined;

/**
 * Counters of "something may have changed" signals, per topic (such as a partner whose feed
 * grew): a signal names the topics it concerns, or none to concern every topic. A waiter notes its
 * generation before it checks; waiting on that generation returns at once if a signal for it
 * arrived meanwhile, so none is lost. A waiter for no topic in particular is woken by every signal.
 */
export class WakeUps {
  private signals = 0;
  private signalsForEveryone = 0;
  private readonly signalsFor = new Map<string, number>();
  private readonly waiters = new Map<WaitingFor, Set<() => void>>();

  generation(topic?: string): number {
    if (topic === undefined) return this.signals;
    return this.signalsForEveryone + (this.signalsFor.get(topic) ?? 0);
  }

  /**
   * Wakes the waiters for these topics, and those for no topic in particular; without a list,
   * every waiter. An empty list wakes only the latter.
   */
  wake(topics?: readonly string[]): void {
    this.signals += 1;
    if (topics === undefined) {
      this.signalsForEveryone += 1;
      for (const waiting of [...this.waiters.values()]) resolveAll(waiting);
      return;
    }
    for (const topic of topics) {
      this.signalsFor.set(topic, (this.signalsFor.get(topic) ?? 0) + 1);
      resolveAll(this.waiters.get(topic));
    }
    resolveAll(this.waiters.get(undefined));
  }

  /**
   * Resolves on a signal about `topic` (or any signal, without one) after generation `seen`, after
   * `timeoutMs`, or on abort, whichever comes first.
   */
  wait(
    seen: number,
    timeoutMs: number,
    { topic, signal }: { topic?: string; signal?: AbortSignal } = {},
  ): Promise<void> {
    if (this.generation(topic) !== seen || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const waiting = this.waiters.get(topic) ?? new Set<() => void>();
      this.waiters.set(topic, waiting);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        waiting.delete(done);
        if (waiting.size === 0 && this.waiters.get(topic) === waiting) {
          this.waiters.delete(topic);
        }
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      signal?.addEventListener('abort', done, { once: true });
      waiting.add(done);
    });
  }
}

function resolveAll(waiting: ReadonlySet<() => void> | undefined): void {
  for (const done of [...(waiting ?? [])]) done();
}
