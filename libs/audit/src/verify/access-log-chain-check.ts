import type { Pool } from 'pg';
import {
  ACCESS_LOG_TEXT_COLUMNS,
  storedContentHash,
  type StoredAccessRow,
} from '@samenloop/privacy';
import type { Seal } from '../integrity/seal';
import type { IntegrityBreak, ProgressCounter } from './integrity-break';

/** `sub_ms`: whether the stored time has more than the milliseconds the hash covers. */
type StoredEntryRow = StoredAccessRow & { sub_ms: boolean };

export interface AccessLogChainResult {
  broken?: IntegrityBreak;
  entries: number;
}

/**
 * The access log's chain: numbers from 1 without gaps, each hash recomputed from the stored
 * columns and linked to the one before, the entry the head row names still there with its hash,
 * no entry past the head, and every entry a seal recorded as the head too (so a log rebuilt from
 * scratch shows). The chain runs through every batch and every process in one order (the head's),
 * so it is checked the same whether entries were written one by one or in batches.
 */
export async function checkAccessLog(
  pool: Pool,
  progress: ProgressCounter,
  seals: readonly Seal[],
  pageSize = 5000,
): Promise<AccessLogChainResult> {
  const anchors = new Map(
    seals.filter((seal) => seal.accessLogSeq > 0).map((seal) => [seal.accessLogSeq, seal]),
  );
  // Read first: entries appended while the pass runs (a live hub logs all the time) come after it.
  const { rows: heads } = await pool.query<{ seq: string; last_hash: string | null }>(
    'SELECT seq, last_hash FROM access_log_head',
  );
  const head = { seq: Number(heads[0]?.seq ?? 0), hash: heads[0]?.last_hash ?? null };
  let previous: Link | undefined;
  let entries = 0;
  for (;;) {
    const { rows } = await pool.query<StoredEntryRow>(
      `SELECT ${ACCESS_LOG_TEXT_COLUMNS},
         date_trunc('milliseconds', occurred_at) <> occurred_at AS sub_ms
       FROM access_log WHERE seq > $1 ORDER BY seq LIMIT $2`,
      [previous?.seq ?? 0, pageSize],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const before = brokenPrevious(row, seq, previous);
      if (before) {
        const { seq: at, entryId } = previous!;
        return {
          broken: { kind: 'access-log', seq: at, entryId, reason: before },
          entries: entries - 1,
        };
      }
      const reason =
        brokenEntry(row, seq, previous) ??
        brokenAnchor(anchors.get(seq), row.hash) ??
        (seq === head.seq && row.hash !== head.hash
          ? 'its hash differs from the one the head records'
          : undefined);
      if (reason) {
        return { broken: { kind: 'access-log', seq, entryId: row.entry_id, reason }, entries };
      }
      anchors.delete(seq);
      entries += 1;
      previous = { seq, entryId: row.entry_id, hash: row.hash, previousHash: row.previous_hash };
    }
    progress.advance('access-log', rows.length);
    if (rows.length < pageSize) break;
  }
  if ((previous?.seq ?? 0) < head.seq) {
    return {
      broken: {
        kind: 'access-log',
        seq: head.seq,
        reason: `the head names entry ${head.seq}, but the last stored entry is ${previous?.seq ?? 'none'}`,
      },
      entries,
    };
  }
  const beyond =
    previous && previous.seq > head.seq ? await pastHead(pool, previous.seq) : undefined;
  if (beyond) return { broken: beyond, entries };
  const [missing] = anchors.values();
  return missing
    ? {
        broken: {
          kind: 'access-log',
          seq: missing.accessLogSeq,
          reason: `seal ${missing.id} recorded it, but it is gone`,
        },
        entries,
      }
    : { entries };
}

/** An entry as the next one links to it. */
interface Link {
  seq: number;
  entryId: string;
  hash: string;
  previousHash: string | null;
}

/**
 * What is wrong with the entry before this one, when this one does not link to it although it
 * follows it: an entry put in between afterwards (this one links to the one before it), or one
 * changed with its hash made anew (this one is intact and links to another hash).
 */
function brokenPrevious(
  row: StoredEntryRow,
  seq: number,
  previous: Link | undefined,
): string | undefined {
  if (!previous || seq !== previous.seq + 1 || row.previous_hash === previous.hash)
    return undefined;
  if (row.previous_hash === previous.previousHash) {
    return 'it was inserted: the entry after it links to the one before it';
  }
  return brokenContent(row)
    ? undefined
    : 'it was changed and its hash made anew: the entry after it links to another hash';
}

/**
 * Entries the first head read did not name: the log writes each with the head that names it, so
 * once the head is read again, an entry past it was added around the log.
 */
async function pastHead(pool: Pool, lastSeq: number): Promise<IntegrityBreak | undefined> {
  const { rows } = await pool.query<{ seq: string; entry_id: string }>(
    `SELECT e.seq, e.entry_id FROM access_log e, access_log_head h
     WHERE e.seq > h.seq AND e.seq <= $1 ORDER BY e.seq LIMIT 1`,
    [lastSeq],
  );
  return rows[0]
    ? {
        kind: 'access-log',
        seq: Number(rows[0].seq),
        entryId: rows[0].entry_id,
        reason: 'it lies past the head: it was added without moving the head',
      }
    : undefined;
}

function brokenEntry(
  row: StoredEntryRow,
  seq: number,
  previous: Link | undefined,
): string | undefined {
  const expected = (previous?.seq ?? 0) + 1;
  if (seq !== expected) return `entry ${expected} is missing before it`;
  if (row.previous_hash !== (previous?.hash ?? null)) {
    return 'its previous_hash does not link to the entry before it';
  }
  return brokenContent(row);
}

/** Whether the stored hash is still the one of the entry's content. */
function brokenContent(row: StoredEntryRow): string | undefined {
  if (row.sub_ms) return 'its time was changed (the hash covers milliseconds only)';
  const hash = storedContentHash(row);
  return hash === row.hash ? undefined : 'its stored hash does not match its content';
}

function brokenAnchor(seal: Seal | undefined, hash: string): string | undefined {
  return seal && seal.accessLogHash !== hash
    ? `its hash differs from the one seal ${seal.id} recorded`
    : undefined;
}
