import { checkedEventId } from '../append-validation';
import { computeEventHash, toJsonText } from '../event-hash';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AppendResult,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
} from '../event-store.port';
import { isPlainObject, wrapMetadata, type MetadataEnvelope } from './kurrentdb-envelope';

/** A client stream name: non-empty, not a KurrentDB system stream, no newline (hash input). */
export function assertStreamName(stream: unknown): asserts stream is string {
  if (typeof stream !== 'string' || stream === '') {
    throw new TypeError('stream id must be a non-empty string');
  }
  if (stream.startsWith('$')) {
    throw new TypeError(`stream id ${stream} is reserved for KurrentDB system streams`);
  }
  if (stream.includes('\n')) throw new TypeError('stream id must be non-empty without newlines');
}

/** Whether a stream whose last revision is `actual` (-1: no stream) meets the expectation. */
export function satisfiesExpectedRevision(expected: ExpectedRevision, actual: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no-stream':
      return actual === -1;
    case 'exists':
      return actual >= 0;
    default:
      return actual === expected;
  }
}

export function checkExpectedRevision(
  stream: string,
  expected: ExpectedRevision,
  actual: number,
): void {
  if (!satisfiesExpectedRevision(expected, actual)) {
    throw new WrongExpectedRevisionError(stream, expected, actual);
  }
}

/**
 * Whether a lost race is retried inside the store: only when the caller did not pin a revision.
 * For `no-stream` and a number a retry re-reads and then fails the check (or finds the events
 * already stored by an identical concurrent append).
 */
export function retriesOnConflict(expected: ExpectedRevision): boolean {
  return expected === 'any' || expected === 'exists';
}

/** An event to append, validated, with the exact JSON texts that are stored and hashed. */
export interface PreparedEvent {
  /** Lowercase UUID, the form KurrentDB reads back and the hash covers. */
  id: string;
  type: string;
  /** A JSON copy of the data: `toJsonText` of it yields `dataJson` again. */
  data: unknown;
  dataJson: string;
  metadata: Record<string, unknown>;
  metadataJson: string;
}

export function prepareEvents(stream: string, events: readonly EventToAppend[]): PreparedEvent[] {
  if (!Array.isArray(events)) throw new TypeError('events must be an array');
  const seen = new Set<string>();
  return events.map((event: EventToAppend) => {
    const id = checkedEventId(event?.id);
    if (seen.has(id)) throw new DuplicateEventIdError(stream, id);
    seen.add(id);
    if (typeof event.type !== 'string' || event.type === '') {
      throw new TypeError(`event ${id}: type must be a non-empty string`);
    }
    // JSON has no `undefined`: absent data is stored as null, absent metadata as {}.
    const dataJson = toJsonText(event.data);
    const metadata: unknown = JSON.parse(toJsonText(event.metadata ?? {}));
    if (!isPlainObject(metadata)) {
      throw new TypeError(`event ${id}: metadata must be a JSON object`);
    }
    const metadataJson = toJsonText(metadata);
    // JSON text has no raw newlines (JSON.stringify escapes them); types and streams might.
    if (event.type.includes('\n')) {
      throw new TypeError('event types must be non-empty, and types without newlines');
    }
    return { id, type: event.type, data: JSON.parse(dataJson), dataJson, metadata, metadataJson };
  });
}

/** JSON text with object keys sorted at every level: equal for equal JSON values. */
export function canonicalJson(value: unknown): string {
  return toJsonText(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(source).sort()) sorted[key] = sortKeys(source[key]);
    return sorted;
  }
  return value;
}

/** A stored (parsed) JSON value against the given JSON text: the same text or the same value. */
export function sameJson(stored: unknown, givenJson: string): boolean {
  return (
    toJsonText(stored) === givenJson ||
    canonicalJson(stored) === canonicalJson(JSON.parse(givenJson))
  );
}

export function sameContent(stored: RecordedEvent, given: PreparedEvent): boolean {
  return (
    stored.type === given.type &&
    sameJson(stored.data, given.dataJson) &&
    sameJson(stored.metadata, given.metadataJson)
  );
}

/**
 * The idempotency rule, before any revision check (a retry carries its original, now stale,
 * expectation): when every id is stored with the same content, the original result; when some id
 * is stored with other content, or only some ids are stored (neither a retry nor a new append),
 * DuplicateEventIdError; when none is stored, null (append).
 */
export function resolveIdempotentAppend(
  stream: string,
  events: readonly PreparedEvent[],
  stored: ReadonlyMap<string, RecordedEvent>,
): AppendResult | null {
  const found = events.filter((event) => stored.has(event.id));
  if (found.length === 0) return null;
  const different = found.find((event) => !sameContent(stored.get(event.id)!, event));
  if (different) throw new DuplicateEventIdError(stream, different.id);
  if (found.length < events.length) throw new DuplicateEventIdError(stream, found[0].id);
  const originals = events.map((event) => stored.get(event.id)!);
  return {
    nextRevision: Math.max(...originals.map((event) => event.revision)),
    positions: originals.map((event) => event.position),
    alreadyStored: true,
  };
}

/** An event ready for KurrentDB: its hash-chain link is in the metadata envelope. */
export interface ChainedEvent {
  id: string;
  type: string;
  data: unknown;
  metadata: MetadataEnvelope;
}

/**
 * Links the events onto the stream's head: revisions head+1, head+2, ..., each hash (the shared
 * `computeEventHash`) covering the previous one, all stamped with the same `recordedAt`.
 */
export function chainEvents(
  stream: string,
  head: { revision: number; hash: string | null },
  events: readonly PreparedEvent[],
  recordedAt: Date,
  writeId: string,
): ChainedEvent[] {
  let previousHash = head.hash;
  return events.map((event, index) => {
    const hash = computeEventHash({
      previousHash,
      stream,
      revision: head.revision + 1 + index,
      id: event.id,
      type: event.type,
      data: event.data,
      metadata: event.metadata,
      recordedAt,
    });
    const metadata = wrapMetadata({
      hash,
      previousHash,
      recordedAt,
      writeId,
      metadata: event.metadata,
    });
    previousHash = hash;
    return { id: event.id, type: event.type, data: event.data, metadata };
  });
}
