/**
 * A counter of "the log may have grown" signals. A reader notes the generation before it reads;
 * waiting on that generation returns at once if a signal arrived meanwhile, so none is lost.
 */
export class WakeUps {
  private count = 0;
  private readonly waiters = new Set<() => void>();

  get generation(): number {
    return this.count;
  }

  wake(): void {
    this.count += 1;
    for (const resolve of [...this.waiters]) resolve();
  }

  /** Resolves on a wake-up after `seen`, after `timeoutMs`, or on abort, whichever comes first. */
  wait(seen: number, timeoutMs: number, signal: AbortSignal): Promise<void> {
    if (this.count !== seen || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }
}
