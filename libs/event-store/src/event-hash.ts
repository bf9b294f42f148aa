import { createHash } from 'node:crypto';
import type { RecordedEvent } from './event-store.port';

export type HashedEvent = Pick<
  RecordedEvent,
  'previousHash' | 'stream' | 'revision' | 'id' | 'type' | 'data' | 'metadata' | 'recordedAt'
>;

/**
 * The text stored for `data` and `metadata`. The store keeps exactly this text, and it survives a
 * parse and re-serialisation unchanged, so the hash can be recomputed from a read event.
 */
export function toJsonText(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}

/**
 * SHA-256 (hex) of the canonical form, the same as SQL `samenloop_event_hash`: previous hash (empty
 * for revision 0), stream, revision, event id (lowercase UUID), type, data JSON, metadata JSON and
 * recorded-at (ISO 8601 UTC with milliseconds), joined by '\n', encoded as UTF-8.
 */
export function computeEventHash(event: HashedEvent): string {
  const canonical = [
    event.previousHash ?? '',
    event.stream,
    String(event.revision),
    event.id,
    event.type,
    toJsonText(event.data),
    toJsonText(event.metadata),
    event.recordedAt.toISOString(),
  ].join('\n');
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
