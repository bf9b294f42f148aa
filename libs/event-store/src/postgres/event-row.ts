import type { RecordedEvent } from '../event-store.port';

export const EVENT_COLUMNS = `position, transaction_id, stream_id, revision, event_id, type, data,
  metadata, recorded_at, hash, previous_hash`;

/** As `pg` returns it: bigint and xid8 as strings, json parsed, timestamptz as a Date. */
export interface EventRow {
  position: string;
  transaction_id: string;
  stream_id: string;
  revision: string;
  event_id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: Date;
  hash: string;
  previous_hash: string | null;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    stream: row.stream_id,
    revision: Number(row.revision),
    position: Number(row.position),
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
    hash: row.hash,
    previousHash: row.previous_hash,
  };
}
