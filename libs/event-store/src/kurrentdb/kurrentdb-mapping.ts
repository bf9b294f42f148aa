import type { Position as KurrentPosition } from '@kurrent/kurrentdb-client';
import type { Position, RecordedEvent } from '../event-store.port';
import { unwrapMetadata } from './kurrentdb-envelope';

/** KurrentDB answers 2^64 - 1 (or -1) where it does not know an event's log position. */
const UNKNOWN_POSITION = 0xffff_ffff_ffff_ffffn;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A KurrentDB stream revision (bigint, 0-based) as the port's number. */
export function revisionToNumber(revision: bigint): number {
  if (revision < 0n || revision > MAX_SAFE) {
    throw new RangeError(`KurrentDB revision ${revision} is not a safe non-negative integer`);
  }
  return Number(revision);
}

/**
 * An event's commit position as the port's position. For events written through gRPC (implicit
 * transactions) the commit and prepare positions are both the event's own log position, so the
 * commit position identifies the event.
 */
export function positionToNumber(commit: bigint): Position {
  if (commit < 0n || commit === UNKNOWN_POSITION) {
    throw new RangeError(
      'KurrentDB did not report the event position (stream reads need KurrentDB or EventStoreDB 22.10+)',
    );
  }
  if (commit > MAX_SAFE) {
    throw new RangeError(`KurrentDB position ${commit} is beyond Number.MAX_SAFE_INTEGER`);
  }
  return Number(commit);
}

/** The port's position as a KurrentDB log position to read or subscribe from. */
export function toKurrentPosition(position: Position): KurrentPosition {
  assertPosition(position);
  const value = BigInt(position);
  return { commit: value, prepare: value };
}

export function assertPosition(position: unknown): asserts position is Position {
  if (typeof position !== 'number' || !Number.isSafeInteger(position) || position < 0) {
    throw new TypeError(`position ${JSON.stringify(position)} is not a non-negative integer`);
  }
}

/** KurrentDB's own events: `$`-prefixed types (`$metadata`, `$>`, ...) or `$`-prefixed streams. */
export function isSystemEvent(type: string, stream: string): boolean {
  return type.startsWith('$') || stream.startsWith('$');
}

/** .NET regex metacharacters (KurrentDB evaluates filters with System.Text.RegularExpressions). */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}#\s]/g, (c) =>
    /\s/.test(c) ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : `\\${c}`,
  );
}

/** A server-side event-type filter matching exactly the given types (never a prefix of them). */
export function exactTypesRegex(types: readonly string[]): string {
  return `^(?:${types.map(escapeRegex).join('|')})$`;
}

/** The fields of a KurrentDB client `RecordedEvent` this adapter reads. */
export interface KurrentEventLike {
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  created: Date;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  position?: KurrentPosition;
}

/**
 * A KurrentDB event as the port's RecordedEvent, or null when this adapter did not write it
 * (binary content or metadata without the hash envelope). `recordedAt` is the time the hash
 * covers, kept in the envelope: KurrentDB's `created` is only known after the append, so it
 * cannot be part of a hash computed before it.
 */
export function toRecordedEvent(event: KurrentEventLike): RecordedEvent | null {
  if (!event.isJson) return null;
  const envelope = unwrapMetadata(event.metadata);
  if (!envelope) return null;
  if (!event.position) {
    throw new RangeError(
      `KurrentDB did not report the position of ${event.streamId}@${event.revision} (needs KurrentDB or EventStoreDB 22.10+)`,
    );
  }
  return {
    id: event.id,
    stream: event.streamId,
    revision: revisionToNumber(event.revision),
    position: positionToNumber(event.position.commit),
    type: event.type,
    data: event.data,
    metadata: envelope.metadata,
    recordedAt: envelope.recordedAt,
    hash: envelope.hash,
    previousHash: envelope.previousHash,
  };
}
