import { computeEventHash } from '@samenloop/event-store';
import type { Pool } from 'pg';
import type { IntegrityBreak, ProgressCounter } from './integrity-break';

interface StoredEventRow {
  stream_id: string;
  revision: string;
  position: string;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
  recorded_at: Date;
  sub_ms: boolean;
  hash: string;
  previous_hash: string | null;
}

interface Link {
  stream: string;
  revision: number;
  hash: string;
}

export interface StreamChainResult {
  broken?: IntegrityBreak;
  events: number;
  streams: number;
}

/**
 * Every stream's hash chain, straight from the tables: revisions contiguous from 0, each
 * `previous_hash` the hash of the event before, each hash recomputed from the stored JSON text,
 * and the `streams` head at the last event.
 */
export async function checkStreamChains(
  pool: Pool,
  progress: ProgressCounter,
  pageSize = 2000,
): Promise<StreamChainResult> {
  let previous: Link | undefined;
  let events = 0;
  let streams = 0;
  let after = { stream: '', revision: -1 };
  for (;;) {
    const { rows } = await pool.query<StoredEventRow>(
      `SELECT stream_id, revision, position, event_id, type, data::text AS data,
         metadata::text AS metadata, recorded_at,
         date_trunc('milliseconds', recorded_at) <> recorded_at AS sub_ms, hash, previous_hash
       FROM events WHERE (stream_id, revision) > ($1, $2)
       ORDER BY stream_id, revision LIMIT $3`,
      [after.stream, after.revision, pageSize],
    );
    for (const row of rows) {
      const reason = brokenLink(row, previous);
      if (reason) {
        return {
          broken: {
            kind: 'event',
            stream: row.stream_id,
            revision: Number(row.revision),
            position: Number(row.position),
            reason,
          },
          events,
          streams,
        };
      }
      if (previous?.stream !== row.stream_id) streams += 1;
      events += 1;
      previous = { stream: row.stream_id, revision: Number(row.revision), hash: row.hash };
    }
    progress.advance('streams', rows.length);
    if (rows.length < pageSize) break;
    after = { stream: previous!.stream, revision: previous!.revision };
  }
  const head = await brokenHead(pool);
  return head ? { broken: head, events, streams } : { events, streams };
}

function brokenLink(row: StoredEventRow, previous: Link | undefined): string | undefined {
  const revision = Number(row.revision);
  const sameStream = previous?.stream === row.stream_id;
  const expectedRevision = sameStream ? previous!.revision + 1 : 0;
  if (revision !== expectedRevision) {
    return `revision ${expectedRevision} is missing before it`;
  }
  const expectedPrevious = sameStream ? previous!.hash : null;
  if (row.previous_hash !== expectedPrevious) {
    return 'its previous_hash does not link to the event before it';
  }
  if (row.sub_ms) return 'its recorded_at was changed (the hash covers milliseconds only)';
  const data = JSON.parse(row.data) as unknown;
  const metadata = JSON.parse(row.metadata) as Record<string, unknown>;
  // The hash covers the exact text appended, which is always JSON.stringify's output.
  if (JSON.stringify(data) !== row.data || JSON.stringify(metadata) !== row.metadata) {
    return 'its stored JSON text differs from the text that was hashed';
  }
  const hash = computeEventHash({
    previousHash: row.previous_hash,
    stream: row.stream_id,
    revision,
    id: row.event_id,
    type: row.type,
    data,
    metadata,
    recordedAt: row.recorded_at,
  });
  return hash === row.hash ? undefined : 'its stored hash does not match its content';
}

/** The `streams` row is each chain's head: a removed last event shows there. */
async function brokenHead(pool: Pool): Promise<IntegrityBreak | undefined> {
  const { rows } = await pool.query<{
    stream_id: string;
    revision: string | null;
    last_hash: string | null;
    last_revision: string | null;
    last_event_hash: string | null;
  }>(
    `SELECT coalesce(s.stream_id, e.stream_id) AS stream_id, s.revision, s.last_hash,
       e.revision AS last_revision, e.hash AS last_event_hash
     FROM streams s
     FULL JOIN (SELECT DISTINCT ON (stream_id) stream_id, revision, hash FROM events
                ORDER BY stream_id, revision DESC) e ON e.stream_id = s.stream_id
     WHERE s.stream_id IS NULL OR e.stream_id IS NULL
        OR s.revision <> e.revision OR s.last_hash IS DISTINCT FROM e.hash
     ORDER BY 1 LIMIT 1`,
  );
  const row = rows[0];
  if (!row) return undefined;
  const reason =
    row.revision === null
      ? 'it has events but no head in the streams table'
      : `its head says revision ${row.revision}, but its last stored event is ${row.last_revision ?? 'none'}` +
        (row.revision === row.last_revision ? ' with another hash' : '');
  return { kind: 'stream', stream: row.stream_id, reason };
}
