/** One item's result from a flush: its value, or the error that concerns it alone. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

export type Flush<I, O> = (items: readonly I[]) => Promise<readonly Settled<O>[]>;

export interface BatchFlusherOptions {
  /** Most items per flush. */
  maxBatch?: number;
  /** Flushes in flight at once. */
  concurrency?: number;
}

interface Waiting<I, O> {
  item: I;
  resolve: (value: O) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit without a timer: an item that arrives while the flushes are busy waits for the next
 * flush and shares it with every item that arrived meanwhile, so that under load one round trip
 * serves many requests, and an idle process adds no delay but one turn of the event loop (which
 * gathers the requests that arrived together). A flush answers each item on its own; a flush that
 * fails as a whole fails each of its items.
 */
export class BatchFlusher<I, O> {
  private readonly maxBatch: number;
  private readonly concurrency: number;
  private waiting: Waiting<I, O>[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly flush: Flush<I, O>,
    { maxBatch = 200, concurrency = 1 }: BatchFlusherOptions = {},
  ) {
    this.maxBatch = maxBatch;
    this.concurrency = concurrency;
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      if (!this.scheduled && this.inFlight < this.concurrency) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.pump();
        });
      }
    });
  }

  private pump(): void {
    while (this.inFlight < this.concurrency && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.maxBatch);
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async run(batch: readonly Waiting<I, O>[]): Promise<void> {
    let results: readonly Settled<O>[];
    try {
      results = await this.flush(batch.map(({ item }) => item));
      if (results.length !== batch.length) {
        throw new Error(`a flush of ${batch.length} items answered ${results.length}`);
      }
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, index) => {
      const result = results[index]!;
      if (result.ok) waiting.resolve(result.value);
      else waiting.reject(result.error);
    });
  }
}
