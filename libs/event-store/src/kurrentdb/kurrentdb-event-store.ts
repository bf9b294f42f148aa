import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  BACKWARDS,
  END,
  ErrorType,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type Filter,
  type JSONType,
  type Position as KurrentPosition,
  type ReadPosition,
  type ReadStreamOptions as KurrentReadStreamOptions,
  type ResolvedEvent,
  type StreamState,
} from '@kurrent/kurrentdb-client';
import { countAppendedEvents } from '@samenloop/platform';
import {
  EventStore,
  type AppendOptions,
  type AppendResult,
  type EventToAppend,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeToAllOptions,
} from '../event-store.port';
import { checkedExpectedRevision } from '../append-validation';
import { UnknownPositionError, WrongExpectedRevisionError } from '../event-store.errors';
import {
  assertStreamName,
  chainEvents,
  checkExpectedRevision,
  prepareEvents,
  resolveIdempotentAppend,
  retriesOnConflict,
  type PreparedEvent,
} from './kurrentdb.rules';
import { unwrapMetadata } from './kurrentdb-envelope';
import {
  assertPosition,
  exactTypesRegex,
  isSystemEvent,
  revisionToNumber,
  toKurrentPosition,
  toRecordedEvent,
} from './kurrentdb-mapping';

export interface KurrentDbEventStoreOptions {
  /** Read+append attempts of an `any` or `exists` append that keeps losing races (default 10). */
  maxAppendAttempts?: number;
  /**
   * How many of a stream's latest events an append scans for already stored event ids
   * (idempotent retries). Default: the whole stream, since KurrentDB has no index by event id.
   */
  idempotencyWindow?: number;
  /** Page size of unbounded global-log reads (default 1000). */
  pageSize?: number;
  /** The clock that stamps `recordedAt` (covered by the hash); default the system clock. */
  now?: () => Date;
}

/** The stream's head as the append saw it, with the requested ids already stored. */
interface StreamHead {
  /** The last revision, or -1 when the stream does not exist. */
  revision: number;
  hash: string | null;
  stored: Map<string, RecordedEvent>;
}

const STOPPED = Symbol('stopped');
/** KurrentDB acknowledged the append but stored nothing: the ids were written by another append. */
const NOT_WRITTEN = Symbol('not written');

/**
 * The EventStore port on KurrentDB. Every client stream is a KurrentDB stream of JSON events; the
 * hash chain and `recordedAt` live in each event's metadata next to the caller's metadata. The
 * global position is the event's commit position in the KurrentDB transaction log.
 */
export class KurrentDbEventStore extends EventStore {
  private readonly client: KurrentDBClient;
  private readonly ownsClient: boolean;
  private readonly maxAppendAttempts: number;
  private readonly idempotencyWindow: number;
  private readonly pageSize: number;
  private readonly now: () => Date;
  private readonly stops = new Set<() => void>();
  private closed = false;

  /** From a connection string (`kurrentdb://host:2113?tls=false`; the store owns the client) or a client. */
  constructor(connection: string | KurrentDBClient, options: KurrentDbEventStoreOptions = {}) {
    super();
    if (typeof connection === 'string') {
      this.client = KurrentDBClient.connectionString(connection);
      this.ownsClient = true;
    } else {
      this.client = connection;
      this.ownsClient = false;
    }
    this.maxAppendAttempts = positiveInteger(options.maxAppendAttempts ?? 10, 'maxAppendAttempts');
    this.idempotencyWindow = positiveInteger(
      options.idempotencyWindow ?? Number.MAX_SAFE_INTEGER,
      'idempotencyWindow',
    );
    this.pageSize = positiveInteger(options.pageSize ?? 1000, 'pageSize');
    this.now = options.now ?? (() => new Date());
  }

  override async append(
    stream: string,
    events: readonly EventToAppend[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.assertOpen();
    assertStreamName(stream);
    const expected = checkedExpectedRevision(options.expectedRevision ?? 'any');
    const prepared = prepareEvents(stream, events);
    // A pinned expectation gets one re-read after a lost race: it then either finds the events
    // stored by an identical concurrent append or reports the actual revision.
    const attempts = retriesOnConflict(expected) ? this.maxAppendAttempts : 2;
    let actual = -1;
    let scanned = -1;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      // A jittered pause before a retry keeps racing writers from colliding again in lockstep.
      if (attempt > 1) await sleep(randomInt(1, 5 * attempt + 1));
      // Revisions up to `scanned` were searched for the ids already: a retry reads only newer ones.
      const head = await this.readHead(stream, prepared, scanned);
      scanned = head.revision;
      const replay = resolveIdempotentAppend(stream, prepared, head.stored);
      if (replay) return replay;
      checkExpectedRevision(stream, expected, head.revision);
      if (prepared.length === 0) {
        return { nextRevision: head.revision, positions: [], alreadyStored: false };
      }
      const outcome = await this.tryAppend(stream, prepared, head);
      if (outcome === NOT_WRITTEN) return this.alreadyStored(stream, prepared);
      if ('conflict' in outcome) {
        actual = outcome.conflict;
        continue;
      }
      countAppendedEvents(outcome.positions.length);
      return outcome;
    }
    throw new WrongExpectedRevisionError(stream, expected, actual);
  }

  override async readStream(
    stream: string,
    options: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertStreamName(stream);
    const direction = options.direction ?? 'forwards';
    if (direction !== 'forwards' && direction !== 'backwards') {
      throw new TypeError(`direction must be 'forwards' or 'backwards', got ${String(direction)}`);
    }
    const limit = options.limit === undefined ? undefined : count(options.limit, 'limit');
    if (limit === 0) return [];
    let fromRevision: bigint | typeof START | typeof END;
    if (options.from === undefined) fromRevision = direction === 'forwards' ? START : END;
    else fromRevision = BigInt(count(options.from, 'from'));
    const events: RecordedEvent[] = [];
    for await (const resolved of this.readRaw(stream, {
      direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
      fromRevision,
      ...(limit === undefined ? {} : { maxCount: limit }),
    })) {
      events.push(this.toStreamEvent(stream, resolved));
    }
    return events;
  }

  override async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    const limit = options.limit === undefined ? Infinity : count(options.limit, 'limit');
    const types = options.types;
    const from = options.from ?? 'start';
    if (from !== 'start') assertPosition(from);
    // A cursor must name a stored event: resuming from anything else could skip events. The
    // event at `from` usually comes back first; when the filter hides it, it is looked up.
    let confirmed = from === 'start';
    const checked = async <T>(result: T): Promise<T> => {
      if (!confirmed && from !== 'start') await this.assertKnownPosition(from);
      return result;
    };
    if (limit === 0 || types?.length === 0) return checked([]);
    const filter = typeFilter(types);
    const typeSet = types ? new Set(types) : undefined;
    const events: RecordedEvent[] = [];
    let fromPosition: ReadPosition = from === 'start' ? START : toKurrentPosition(from);
    // `from` is exclusive; a read from a position includes the event at it, so drop it.
    let afterCommit = from === 'start' ? -1n : BigInt(from);
    for (;;) {
      // +1: every page starts with the event at `fromPosition`, already returned or excluded.
      const pageSize = Number.isFinite(limit) ? limit - events.length + 1 : this.pageSize;
      let read = 0;
      let last: KurrentPosition | undefined;
      for await (const resolved of this.client.readAll({
        fromPosition,
        direction: FORWARDS,
        maxCount: pageSize,
        filter,
      })) {
        read++;
        const event = resolved.event;
        const position = event ? logPosition(event, resolved) : undefined;
        if (!event || !position) continue;
        last = position;
        if (position.commit <= afterCommit) {
          if (position.commit === afterCommit) confirmed = true;
          continue;
        }
        const recorded = this.fromLog(event, typeSet);
        if (recorded) events.push(recorded);
        if (events.length >= limit) return checked(events);
      }
      if (read < pageSize || !last) return checked(events);
      fromPosition = last;
      afterCommit = last.commit;
    }
  }

  override async *subscribeToAll(
    options: SubscribeToAllOptions = {},
  ): AsyncGenerator<RecordedEvent, void, undefined> {
    this.assertOpen();
    const { signal, types } = options;
    const from = options.from ?? 'start';
    if (from !== 'start') assertPosition(from);
    if (signal?.aborted) return;
    if (from !== 'start') await this.assertKnownPosition(from);
    const afterCommit = from === 'start' ? -1n : BigInt(from);
    const typeSet = types ? new Set(types) : undefined;

    let stopped = false;
    let stop!: () => void;
    const whenStopped = new Promise<typeof STOPPED>((resolve) => {
      stop = () => {
        stopped = true;
        resolve(STOPPED);
      };
    });
    signal?.addEventListener('abort', stop, { once: true });
    this.stops.add(stop);
    // An abort or close() during the position check above found no listener yet.
    if (signal?.aborted || this.closed) stop();

    // The client's subscription is a Readable fed by the gRPC stream through pipe(): reading it
    // only on demand lets its buffer fill, which pauses the gRPC stream (backpressure).
    const subscription =
      types?.length === 0
        ? undefined
        : this.client.subscribeToAll(
            {
              fromPosition: from === 'start' ? START : toKurrentPosition(from),
              filter: typeFilter(types),
            },
            { highWaterMark: 64 },
          );
    try {
      if (!subscription) {
        await whenStopped;
        return;
      }
      const iterator = subscription[Symbol.asyncIterator]();
      while (!stopped) {
        const next = await Promise.race([iterator.next(), whenStopped]);
        if (next === STOPPED || next.done || stopped) return;
        const resolved = next.value;
        const event = resolved.event;
        const position = event ? logPosition(event, resolved) : undefined;
        // The subscription starts after `from`; the check also holds should a server include it.
        if (!event || !position || position.commit <= afterCommit) continue;
        const recorded = this.fromLog(event, typeSet);
        if (recorded) yield recorded;
      }
    } finally {
      signal?.removeEventListener('abort', stop);
      this.stops.delete(stop);
      if (subscription) {
        await subscription.unsubscribe().catch(() => undefined);
        subscription.destroy();
      }
    }
  }

  override async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of [...this.stops]) stop();
    if (this.ownsClient) await this.client.dispose();
  }

  /** Throws UnknownPositionError unless an event of the log is at exactly this position. */
  private async assertKnownPosition(position: number): Promise<void> {
    for await (const resolved of this.client.readAll({
      fromPosition: toKurrentPosition(position),
      direction: FORWARDS,
      maxCount: 1,
    })) {
      const event = resolved.event;
      if (event && logPosition(event, resolved)?.commit === BigInt(position)) return;
    }
    throw new UnknownPositionError(position);
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the KurrentDB event store is closed');
  }

  /**
   * Reads the stream backwards: the first event is the head (revision and hash the new events
   * chain on), and the scan goes on until every requested id is found, the window is read, or it
   * reaches `scannedUpTo` (revisions an earlier scan of this append searched already).
   */
  private async readHead(
    stream: string,
    events: readonly PreparedEvent[],
    scannedUpTo = -1,
  ): Promise<StreamHead> {
    const head: StreamHead = { revision: -1, hash: null, stored: new Map() };
    const wanted = new Set(events.map((event) => event.id));
    let first = true;
    for await (const resolved of this.readRaw(stream, {
      direction: BACKWARDS,
      fromRevision: END,
      maxCount: wanted.size === 0 ? 1 : this.idempotencyWindow,
      requiresLeader: true,
    })) {
      const event = this.toStreamEvent(stream, resolved);
      if (first) {
        head.revision = event.revision;
        head.hash = event.hash;
        first = false;
      }
      if (event.revision <= scannedUpTo) break;
      if (wanted.delete(event.id)) head.stored.set(event.id, event);
      if (wanted.size === 0) break;
    }
    return head;
  }

  /** Appends on top of `head`; a lost race answers the actual revision instead of throwing. */
  private async tryAppend(
    stream: string,
    events: readonly PreparedEvent[],
    head: StreamHead,
  ): Promise<AppendResult | { conflict: number } | typeof NOT_WRITTEN> {
    const recordedAt = new Date(this.now().getTime());
    const writeId = randomUUID();
    const data = chainEvents(stream, head, events, recordedAt, writeId).map((event) =>
      jsonEvent({
        id: event.id,
        type: event.type,
        // Any JSON value: the client stores JSON.stringify(data), which is the hashed text.
        data: event.data as JSONType,
        metadata: { ...event.metadata },
      }),
    );
    const streamState: StreamState = head.revision < 0 ? NO_STREAM : BigInt(head.revision);
    let result;
    try {
      result = await this.client.appendToStream(stream, data, {
        streamState,
        requiresLeader: true,
      });
    } catch (error) {
      if (isWrongExpectedVersion(error)) return { conflict: actualRevision(error.actualState) };
      throw error;
    }
    // With `throwOnAppendFailure=false` in the connection string a conflict is a result.
    if (!result.success) return { conflict: Math.max(-1, Number(result.nextExpectedRevision)) };
    const positions = await this.readBack(stream, head.revision + 1, events, writeId);
    if (!positions) return NOT_WRITTEN;
    return { nextRevision: head.revision + events.length, positions, alreadyStored: false };
  }

  /**
   * After KurrentDB acknowledged a write it did not store (an identical concurrent append won with
   * the same ids): the original result, or DuplicateEventIdError when the content differs.
   */
  private async alreadyStored(
    stream: string,
    events: readonly PreparedEvent[],
  ): Promise<AppendResult> {
    const head = await this.readHead(stream, events);
    const replay = resolveIdempotentAppend(stream, events, head.stored);
    if (!replay) {
      throw new Error(`stream ${stream}: KurrentDB acknowledged an append whose events it lacks`);
    }
    return replay;
  }

  /**
   * The positions of the events just appended (the append result carries only the last one), or
   * null when the events at those revisions were not written by this append (`writeId`).
   */
  private async readBack(
    stream: string,
    firstRevision: number,
    events: readonly PreparedEvent[],
    writeId: string,
  ): Promise<number[] | null> {
    const positions: number[] = [];
    for await (const resolved of this.readRaw(stream, {
      direction: FORWARDS,
      fromRevision: BigInt(firstRevision),
      maxCount: events.length,
      requiresLeader: true,
    })) {
      const event = this.toStreamEvent(stream, resolved);
      const ours =
        event.id === events[positions.length]?.id &&
        unwrapMetadata(resolved.event?.metadata)?.writeId === writeId;
      if (!ours) return null;
      positions.push(event.position);
    }
    return positions.length === events.length ? positions : null;
  }

  /** The stream's events; none when the stream does not exist. */
  private async *readRaw(
    stream: string,
    options: KurrentReadStreamOptions,
  ): AsyncGenerator<ResolvedEvent, void, undefined> {
    try {
      for await (const resolved of this.client.readStream(stream, options)) yield resolved;
    } catch (error) {
      if (isStreamNotFound(error)) return;
      throw error;
    }
  }

  private toStreamEvent(stream: string, resolved: ResolvedEvent): RecordedEvent {
    const event = resolved.event;
    const recorded = event ? toRecordedEvent(event) : null;
    if (!recorded) {
      const where = event
        ? `event ${event.id} at revision ${event.revision}`
        : 'an unresolved link';
      throw new Error(`stream ${stream}: ${where} was not written by the Samenloop event store`);
    }
    return recorded;
  }

  /** A global-log event as RecordedEvent; null for system, filtered-out and foreign events. */
  private fromLog(
    event: AllStreamRecordedEvent,
    types: ReadonlySet<string> | undefined,
  ): RecordedEvent | null {
    if (isSystemEvent(event.type, event.streamId)) return null;
    if (types && !types.has(event.type)) return null;
    return toRecordedEvent(event);
  }
}

/** Server-side filter: exactly these types, or everything but KurrentDB's `$` events. */
function typeFilter(types: readonly string[] | undefined): Filter {
  return types ? eventTypeFilter({ regex: exactTypesRegex(types) }) : excludeSystemEvents();
}

/** The event's log position; older servers only put the commit position on the resolved event. */
function logPosition(
  event: AllStreamRecordedEvent,
  resolved: AllStreamResolvedEvent,
): KurrentPosition | undefined {
  const position = event.position as AllStreamRecordedEvent['position'] | undefined;
  if (position) return position;
  const commit = resolved.commitPosition;
  return commit === undefined ? undefined : { commit, prepare: commit };
}

function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return (
    error instanceof WrongExpectedVersionError ||
    (error instanceof Error &&
      (error as { type?: unknown }).type === ErrorType.WRONG_EXPECTED_VERSION)
  );
}

function isStreamNotFound(error: unknown): boolean {
  return (
    error instanceof StreamNotFoundError ||
    (error instanceof Error && (error as { type?: unknown }).type === ErrorType.STREAM_NOT_FOUND)
  );
}

function actualRevision(state: unknown): number {
  return typeof state === 'bigint' && state >= 0n ? revisionToNumber(state) : -1;
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  return value;
}

function count(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}
