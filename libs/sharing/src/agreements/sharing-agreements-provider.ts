import { readFileSync, statSync } from 'node:fs';
import { type FactoryProvider, Logger } from '@nestjs/common';
import { AppConfig } from '@samenloop/platform';
import { parseSharingAgreements, unreadable } from './agreement-loader';
import type { SharingAgreementSet } from './sharing-agreement-set';

/**
 * File timestamps come from a coarse kernel clock (a few milliseconds; seconds on some file
 * systems), so a write just after a read can leave size and times unchanged. Within this window of
 * the last read the content itself is compared, as git does for "racily clean" index entries.
 */
const RACY_WINDOW_MS = 2_000;

interface SeenFile {
  /** Device, inode, size and nanosecond times: a rename over the file or a rewrite changes it. */
  stamp: string;
  modifiedAtMs: number;
  readAtMs: number;
  text: string;
}

/**
 * The agreements file, read at start (an invalid file stops the process) and reloaded when it
 * changes. Checked before each use rather than with fs.watch, which misses editors' rename-over
 * writes and does not work on every file system. A file that turns invalid or disappears keeps
 * the previous version in force, and the problem is logged once.
 */
export class SharingAgreements {
  private readonly logger = new Logger(SharingAgreements.name);
  private agreements: SharingAgreementSet;
  private seen: SeenFile;
  /** The last read failure logged, so that a missing file is reported once, not per delivery. */
  private lastReadFailure: string | undefined;

  constructor(readonly path: string) {
    try {
      this.seen = read(path);
    } catch (error) {
      throw unreadable(path, error);
    }
    this.agreements = parseSharingAgreements(this.seen.text, path);
  }

  current(): SharingAgreementSet {
    this.refresh();
    return this.agreements;
  }

  private refresh(): void {
    let file: SeenFile;
    try {
      const racy = this.seen.modifiedAtMs >= this.seen.readAtMs - RACY_WINDOW_MS;
      if (!racy && stampOf(this.path).stamp === this.seen.stamp) return;
      file = read(this.path);
    } catch (error) {
      const problem = unreadable(this.path, error).message;
      if (problem !== this.lastReadFailure) this.keepCurrent(problem);
      this.lastReadFailure = problem;
      return;
    }
    this.lastReadFailure = undefined;
    const changed = file.text !== this.seen.text;
    // Remembered even when invalid: the same bad content is then reported once, not per use.
    this.seen = file;
    if (!changed) return;
    try {
      this.agreements = parseSharingAgreements(file.text, this.path);
      this.logger.log(`loaded version ${this.agreements.version} of ${this.path}`);
    } catch (error) {
      this.keepCurrent((error as Error).message);
    }
  }

  private keepCurrent(problem: string): void {
    this.logger.error(`${problem}; version ${this.agreements.version} stays in force`);
  }
}

function stampOf(path: string): { stamp: string; modifiedAtMs: number } {
  const { dev, ino, size, mtimeNs, ctimeNs, mtimeMs } = statSync(path, { bigint: true });
  return { stamp: `${dev}:${ino}:${size}:${mtimeNs}:${ctimeNs}`, modifiedAtMs: Number(mtimeMs) };
}

function read(path: string): SeenFile {
  // Stat before reading: a write in between then shows as a new stamp on the next check.
  const { stamp, modifiedAtMs } = stampOf(path);
  return { stamp, modifiedAtMs, readAtMs: Date.now(), text: readFileSync(path, 'utf8') };
}

/** The file SHARING_CONFIG names, relative to the working directory. */
export const sharingAgreementsProvider: FactoryProvider<SharingAgreements> = {
  provide: SharingAgreements,
  inject: [AppConfig],
  useFactory: (config: AppConfig) => new SharingAgreements(config.SHARING_CONFIG),
};
