import { Presets, SingleBar } from 'cli-progress';
import type { RebuildProgress } from '@samenloop/read-models';

/** Follows one rebuild: a bar by log position on a terminal, else one line when it is done. */
export interface RebuildReporter {
  update(progress: RebuildProgress): void;
  stop(): void;
}

export function createRebuildProgress(name: string, stream: NodeJS.WriteStream): RebuildReporter {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      stream,
      format: `${name.padEnd(10)} {bar} {percentage}% | position {value}/{total} | {events} events`,
      hideCursor: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update({ position, end, events }) {
      // The end is an estimate (the furthest checkpoint); the log may have grown past it.
      const total = Math.max(end, position, 1);
      if (!started) bar.start(total, position, { events });
      started = true;
      bar.setTotal(total);
      bar.update(position, { events });
    },
    stop: () => bar.stop(),
  };
}
