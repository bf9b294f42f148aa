/** Waits on signals concerning one partner's feed, or on every signal when no partner is named. */
type WaitingFor = string | undefined;

/**
 * Counters of "something may have changed" signals, per partner: a signal names the partners it
 * concerns (those a committed batch holds entries for), or none to concern every partner. A waiter
 * notes its generation before it checks; waiting on that generation returns at once if a signal
 * for it arrived meanwhile, so none is lost. A waiter for no partner in particular (the webhook
 * dispatcher) is woken by every signal.
 */
export class WakeUps {
  private signals = 0;
  private signalsForEveryone = 0;
  private readonly signalsFor = new Map<string, number>();
  private readonly waiters = new Map<WaitingFor, Set<() => void>>();

  generation(partnerId?: string): number {
    if (partnerId === undefined) return this.signals;
    return this.signalsForEveryone + (this.signalsFor.get(partnerId) ?? 0);
  }

  /**
   * Wakes the waiters for these partners, and those for no partner in particular; without a list,
   * every waiter. An empty list wakes only the latter.
   */
  wake(partnerIds?: readonly string[]): void {
    this.signals += 1;
    if (partnerIds === undefined) {
      this.signalsForEveryone += 1;
      for (const waiting of [...this.waiters.values()]) resolveAll(waiting);
      return;
    }
    for (const partnerId of partnerIds) {
      this.signalsFor.set(partnerId, (this.signalsFor.get(partnerId) ?? 0) + 1);
      resolveAll(this.waiters.get(partnerId));
    }
    resolveAll(this.waiters.get(undefined));
  }

  /**
   * Resolves on a signal for `partnerId` (or any signal, without one) after generation `seen`,
   * after `timeoutMs`, or on abort, whichever comes first.
   */
  wait(
    seen: number,
    timeoutMs: number,
    { partnerId, signal }: { partnerId?: string; signal?: AbortSignal } = {},
  ): Promise<void> {
    if (this.generation(partnerId) !== seen || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const waiting = this.waiters.get(partnerId) ?? new Set<() => void>();
      this.waiters.set(partnerId, waiting);
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        waiting.delete(done);
        if (waiting.size === 0 && this.waiters.get(partnerId) === waiting) {
          this.waiters.delete(partnerId);
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
