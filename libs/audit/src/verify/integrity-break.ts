/** The first place where the stored history no longer matches its hashes or signatures. */
export type IntegrityBreak =
  | { kind: 'event'; stream: string; revision: number; position: number; reason: string }
  | { kind: 'stream'; stream: string; reason: string }
  | { kind: 'seal'; sealId: number; reason: string }
  | { kind: 'seal-key'; keyId: string; reason: string }
  | { kind: 'access-log'; seq: number; entryId?: string; reason: string };

export function describeBreak(broken: IntegrityBreak): string {
  switch (broken.kind) {
    case 'event':
      return `stream ${broken.stream}, revision ${broken.revision}, position ${broken.position}: ${broken.reason}`;
    case 'stream':
      return `stream ${broken.stream}: ${broken.reason}`;
    case 'seal':
      return `seal ${broken.sealId}: ${broken.reason}`;
    case 'seal-key':
      return `seal key ${broken.keyId}: ${broken.reason}`;
    case 'access-log':
      return `access-log entry ${broken.seq}${broken.entryId ? ` (${broken.entryId})` : ''}: ${broken.reason}`;
  }
}

export type VerifyPhase = 'streams' | 'seals' | 'access-log';

/** Overall progress: `done` of `total` rows read, over the three passes. */
export type ProgressListener = (progress: {
  phase: VerifyPhase;
  done: number;
  total: number;
}) => void;

/** Counts rows against a total fixed at the start (rows written meanwhile may pass it). */
export class ProgressCounter {
  private done = 0;

  constructor(
    private readonly total: number,
    private readonly listener: ProgressListener = () => undefined,
  ) {}

  advance(phase: VerifyPhase, rows: number): void {
    this.done += rows;
    this.listener({ phase, done: Math.min(this.done, this.total), total: this.total });
  }
}
