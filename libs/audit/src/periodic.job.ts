import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs `work` now and then every `everyMs` until stopped; a failed run is logged and retried at
 * the next tick. Runs never overlap, and `stop` waits for the current one to finish.
 */
export class PeriodicJob {
  private readonly stopping = new AbortController();
  private running?: Promise<void>;

  constructor(
    private readonly name: string,
    private readonly everyMs: number,
    private readonly work: () => Promise<unknown>,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    while (!this.stopping.signal.aborted) {
      try {
        await this.work();
      } catch (error) {
        this.log(`${this.name}: ${(error as Error).message}; trying again in ${this.everyMs} ms`);
      }
      await sleep(this.everyMs, undefined, { signal: this.stopping.signal }).catch(() => undefined);
    }
  }
}
