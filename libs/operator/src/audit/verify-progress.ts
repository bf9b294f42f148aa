import { Presets, SingleBar } from 'cli-progress';
import type { ProgressListener } from '@samenloop/audit';

/** A bar on stderr when it is a terminal; nothing otherwise, so that stderr keeps its one line. */
export function verifyProgress(stream: NodeJS.WriteStream): {
  listener: ProgressListener;
  stop(): void;
} {
  if (!stream.isTTY) return { listener: () => undefined, stop: () => undefined };
  const bar = new SingleBar(
    {
      stream,
      format: 'verify {bar} {percentage}% | {phase} | {value}/{total} rows',
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    listener: ({ phase, done, total }) => {
      if (!started) {
        bar.start(total, 0, { phase });
        started = true;
      }
      bar.update(done, { phase });
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}
