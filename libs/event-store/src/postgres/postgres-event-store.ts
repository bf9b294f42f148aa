import { setTimeout as sleep } from 'node:timers/promises';
import { countAppendedEvents, NotificationListener, WakeUps } from '@samenloop/platform';
import type { Pool, PoolClient } from 'pg';
import {
  EventStore,
  type AppendOptions,
  type AppendResult,
  type Backlog,
  type BacklogOptions,
  type EventToAppend,
  type JoinedAppends,
  type Position,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type StreamAppend,
  type StreamAppendOutcome,
  type StreamRead,
  type SubscribeToAllOptions,
} from '../event-store.port';
import { appendManyStatement, appendStatement } from './append-statement';
import { CommitAnnouncer, EVENTS_CHANNEL } from './commit-announcer';
import { EVENT_COLUMNS, toRecordedEvent, type EventRow } from './event-row';
import {
  countBacklog,
  cursorOf,
  readLogPage,
  readSettledEvents,
  resolveCursor,
} from './global-log-queries';

export interface PostgresEventStoreOptions {
  /** Events read per round trip by a subscription. */
  pageSize?: number;
  /** How long an idle subscription trusts notifications before it re-checks anyway. */
  idleRecheckMs?: number;
  log?: (line: string) => void;
}

// A transaction holding the horizon back usually commits within milliseconds.
const HELD_BACK_MIN_MS = 2;
const HELD_BACK_MAX_MS = 100;

/** The event store on PostgreSQL, over a pool that belongs to the caller. */
export class PostgresEventStore extends EventStore {
  private readonly pageSize: number;
  private readonly idleRecheckMs: number;
  private readonly wakeUps = new WakeUps();
  private readonly announcer: CommitAnnouncer;
  private readonly listener: NotificationListener;
  private readonly closing = new AbortController();

  constructor(
    private readonly pool: Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    super();
    const log = options.log ?? (() => undefined);
    this.pageSize = options.pageSize ?? 500;
    this.idleRecheckMs = options.idleRecheckMs ?? 5_000;
    this.announcer = new CommitAnnouncer(pool, log);
    this.listener = new NotificationListener(pool, {
      name: 'event store listener',
      channels: [EVENTS_CHANNEL],
      onNotification: () => this.wakeUps.wake(),
      onMissed: () => this.wakeUps.wake(),
      log,
    });
  }

  override async append(
    stream: string,
    events: readonly EventToAppend[],
    options?: AppendOptions,
  ): Promise<AppendResult> {
    const result = await appendStatement(this.pool, stream, events, options);
    this.committed(result.alreadyStored ? 0 : result.positions.length);
    return result;
  }

  override async appendMany(appends: readonly StreamAppend[]): Promise<StreamAppendOutcome[]> {
    const outcomes = await appendManyStatement(this.pool, appends);
    this.committed(writtenBy(outcomes));
    return outcomes;
  }

  /** Counts what a commit wrote and wakes the subscribers here and, by NOTIFY, elsewhere. */
  private committed(written: number): void {
    countAppendedEvents(written);
    if (written > 0 && !this.closing.signal.aborted) {
      this.wakeUps.wake();
      this.announcer.announce();
    }
  }

  override joinTransaction(connection: PoolClient): JoinedAppends {
    let written = 0;
    return {
      appendMany: async (appends) => {
        const outcomes = await appendManyStatement(connection, appends);
        written += writtenBy(outcomes);
        return outcomes;
      },
      committed: () => this.committed(written),
    };
  }

  override async readStream(
    stream: string,
    { from, direction = 'forwards', limit }: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    const backwards = direction === 'backwards';
    const { rows } = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events
       WHERE stream_id = $1 AND ($2::bigint IS NULL OR revision ${backwards ? '<=' : '>='} $2)
       ORDER BY revision ${backwards ? 'DESC' : 'ASC'}
       LIMIT $3`,
      [stream, from ?? null, limit ?? null],
    );
    return rows.map(toRecordedEvent);
  }

  /** In one statement; a stream's revisions run from 0 without a gap, so a limit is a revision bound. */
  override async readStreams(reads: readonly StreamRead[]): Promise<RecordedEvent[][]> {
    if (reads.length === 0) return [];
    const { rows } = await this.pool.query<EventRow & { ord: string }>({
      name: 'read-streams',
      text: `SELECT wanted.ord, page.*
             FROM unnest($1::text[], $2::bigint[]) WITH ORDINALITY AS wanted (stream, upto, ord)
             CROSS JOIN LATERAL (
               SELECT ${EVENT_COLUMNS} FROM events
               WHERE stream_id = wanted.stream AND (wanted.upto IS NULL OR revision < wanted.upto)
             ) AS page
             ORDER BY wanted.ord, page.revision`,
      values: [reads.map(({ stream }) => stream), reads.map(({ limit }) => limit ?? null)],
    });
    const answers = reads.map((): RecordedEvent[] => []);
    for (const row of rows) answers[Number(row.ord) - 1]!.push(toRecordedEvent(row));
    return answers;
  }

  override async readAll({ from, limit, types }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = await resolveCursor(this.pool, from);
    const rows = await readSettledEvents(this.pool, after, limit, types);
    return rows.map(toRecordedEvent);
  }

  override async backlog(
    from: Position | 'start',
    { types, limit }: BacklogOptions,
  ): Promise<Backlog> {
    const after = await resolveCursor(this.pool, from);
    const { events, oldest } = await countBacklog(this.pool, after, limit, types);
    return { events, oldestRecordedAt: oldest };
  }

  override async *subscribeToAll({
    from,
    types,
    readIntervalMs = 0,
    signal: callerSignal,
  }: SubscribeToAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const signal = callerSignal
      ? AbortSignal.any([callerSignal, this.closing.signal])
      : this.closing.signal;
    // Listening before the first read: a commit after that read is then sure to wake us.
    await this.listener.start();
    let after = await resolveCursor(this.pool, from);
    let heldBackMs = HELD_BACK_MIN_MS;
    while (!signal.aborted) {
      const seen = this.wakeUps.generation();
      const readAt = Date.now();
      const { rows, unsettled } = await readLogPage(this.pool, after, this.pageSize, types);
      for (const row of rows) {
        if (signal.aborted) return;
        after = cursorOf(row);
        yield toRecordedEvent(row);
      }
      if (rows.length === this.pageSize) continue;
      if (rows.length > 0) heldBackMs = HELD_BACK_MIN_MS;
      // Events held back at the read settle when an older transaction ends, which notifies no
      // one: poll for them. Whatever commits after the read wakes the wait instead.
      if (unsettled) {
        await sleep(heldBackMs, undefined, { signal }).catch(() => undefined);
        heldBackMs = Math.min(heldBackMs * 2, HELD_BACK_MAX_MS);
      } else {
        await this.wakeUps.wait(seen, this.idleRecheckMs, { signal });
      }
      const early = readAt + readIntervalMs - Date.now();
      if (early > 0) await sleep(early, undefined, { signal }).catch(() => undefined);
    }
  }

  /** Ends the subscriptions and the listener; the pool stays open for its owner to end. */
  override async close(): Promise<void> {
    this.closing.abort();
    await this.listener.stop();
    await this.announcer.settled();
  }
}

/** Events the appends wrote, leaving out those found stored before. */
function writtenBy(outcomes: readonly StreamAppendOutcome[]): number {
  return outcomes.reduce(
    (sum, outcome) =>
      outcome.ok && !outcome.result.alreadyStored ? sum + outcome.result.positions.length : sum,
    0,
  );
}
