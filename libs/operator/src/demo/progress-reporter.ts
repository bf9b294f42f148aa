import { Presets, SingleBar } from 'cli-progress';

/** Progress in clients done, with the events posted so far. */
export interface ProgressReporter {
  advance(events: number): void;
  stop(): void;
}

/** A bar on a terminal; else (a pipe, a log file) a plain line at every quarter. */
export function createProgress(
  total: number,
  stream: NodeJS.WriteStream,
  print: (line: string) => void,
): ProgressReporter {
  return stream.isTTY ? new BarProgress(total, stream) : new LineProgress(total, print);
}

class BarProgress implements ProgressReporter {
  private readonly bar: SingleBar;
  private events = 0;

  constructor(total: number, stream: NodeJS.WriteStream) {
    this.bar = new SingleBar(
      {
        stream,
        format: 'demo {bar} {value}/{total} clients | {events} events | {eta_formatted} left',
        hideCursor: true,
        clearOnComplete: true,
      },
      Presets.shades_classic,
    );
    this.bar.start(total, 0, { events: 0 });
  }

  advance(events: number): void {
    this.events += events;
    this.bar.increment(1, { events: this.events });
  }

  stop(): void {
    this.bar.stop();
  }
}

class LineProgress implements ProgressReporter {
  private done = 0;
  private events = 0;

  constructor(
    private readonly total: number,
    private readonly print: (line: string) => void,
  ) {}

  advance(events: number): void {
    const quarter = Math.floor((4 * this.done) / this.total);
    this.done++;
    this.events += events;
    if (Math.floor((4 * this.done) / this.total) > quarter) {
      this.print(`demo: ${this.done}/${this.total} clients, ${this.events} events posted`);
    }
  }

  stop(): void {}
}
