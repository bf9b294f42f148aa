import type { Position } from '@samenloop/event-store';
import { retryDelayMs } from '@samenloop/platform';
import type { CaseHistory } from './case-history';
import type { Projection } from './projection';
import type { Standing } from './projection-ledger';

// A rebuild holding the projection runs for seconds or minutes; asking again costs one statement.
const BUSY_RETRY_MS = 500;

/**
 * One projection as the group's leader follows it: where its tables stand as far as this leader
 * knows, and when it may try again after a failure. The leader writes only in a transaction that
 * first finds the tables standing exactly here.
 */
export class ProjectionMember {
  /** The last position applied; null before the first event. */
  checkpoint: Position | null = null;
  /** Nothing follows its checkpoint yet: it is ahead of the group and joins where it stands. */
  ahead = false;
  /** Its own case history while it catches up apart from the group. */
  history?: CaseHistory;
  lastError?: string;
  private failures = 0;
  private retryAt = 0;

  constructor(readonly projection: Projection) {}

  get name(): string {
    return this.projection.name;
  }

  /** False while it waits out a failure or a rebuild. */
  get ready(): boolean {
    return this.readyInMs === 0;
  }

  get readyInMs(): number {
    return Math.max(0, this.retryAt - Date.now());
  }

  /** As a new leader found the tables. */
  resume({ checkpoint }: Standing): void {
    this.checkpoint = checkpoint;
    this.ahead = false;
    this.history = undefined;
    this.failures = 0;
    this.retryAt = 0;
  }

  standsAt(standing: Standing): boolean {
    return standing.version === this.projection.version && standing.checkpoint === this.checkpoint;
  }

  /** A rebuild or reset moved the tables: follow them from there. Returns the line to log. */
  moved(standing: Standing): string {
    const line = `projection ${this.name} moved to position ${standing.checkpoint ?? 'start'} (version ${standing.version}) while this worker followed ${this.checkpoint ?? 'start'}; resuming from there`;
    this.checkpoint = standing.checkpoint;
    this.ahead = false;
    this.history = undefined;
    // Tables of another version belong to another process: try again later, without writing.
    if (standing.version !== this.projection.version) this.failed(new Error(line));
    return line;
  }

  /** A rebuild holds the projection now. */
  busy(): void {
    this.ahead = false;
    this.retryAt = Date.now() + BUSY_RETRY_MS;
  }

  failed(error: Error): void {
    this.lastError = error.message;
    this.failures += 1;
    this.ahead = false;
    this.retryAt = Date.now() + retryDelayMs(this.failures);
  }

  advanced(position: Position): void {
    this.checkpoint = position;
    this.lastError = undefined;
    this.failures = 0;
  }

  /** Stands at the group's position again: the group's batches carry it from here. */
  rejoined(): void {
    this.ahead = false;
    this.history = undefined;
  }
}
