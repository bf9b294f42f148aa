import type { RecordedAccess } from './access-log-entry';
import { chainAfter, recordedOf, type ChainHead } from './access-log-chain';
import type { NormalisedEntry } from './access-entry.rules';
import type { SqlExecutor } from './sql-executor';

/** The entries as stored, and the head after them; or, when another writer moved the head first, where it is now. */
export type AppendOutcome =
  { recorded: RecordedAccess[]; head: ChainHead } | { recorded: undefined; head: ChainHead };

const APPEND = `
  WITH moved AS (
    UPDATE access_log_head SET
      seq = CASE WHEN seq = $16 AND last_hash IS NOT DISTINCT FROM $17 THEN $18 ELSE seq END,
      last_hash = CASE WHEN seq = $16 AND last_hash IS NOT DISTINCT FROM $17 THEN $19
        ELSE last_hash END
    RETURNING seq, last_hash
  ), inserted AS (
    INSERT INTO access_log (seq, entry_id, occurred_at, action, client_id, user_id, on_behalf_of,
      partner_id, access_point, origin, authorisation, emergency, detail, hash, previous_hash)
    SELECT seq, entry_id, occurred_at, action, client_id, user_id, on_behalf_of, partner_id,
      access_point, origin, authorisation::json, emergency, detail::json, hash, previous_hash
    FROM unnest($1::bigint[], $2::uuid[], $3::timestamptz[], $4::text[], $5::uuid[], $6::text[],
      $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::boolean[], $13::text[],
      $14::text[], $15::text[])
      AS e(seq, entry_id, occurred_at, action, client_id, user_id, on_behalf_of, partner_id,
        access_point, origin, authorisation, emergency, detail, hash, previous_hash)
    -- The new hash covers this batch's fresh entry ids: only this statement can have set it.
    WHERE (SELECT last_hash FROM moved) = $19
  )
  SELECT seq, last_hash FROM moved`;

/**
 * Moves the head from `from` past the entries and inserts them, in one statement; or, when the head
 * is no longer at `from`, inserts nothing and reports where it is. The update waits for another
 * writer's statement or transaction on the head row and then compares with the head that one
 * left, so of two writers starting from the same head one wins and the other learns the new head.
 */
export async function appendAfter(
  db: SqlExecutor,
  from: ChainHead,
  entries: readonly NormalisedEntry[],
): Promise<AppendOutcome> {
  const { chained, head } = chainAfter(from, entries);
  const column = <K extends keyof (typeof chained)[number]>(key: K) => chained.map((e) => e[key]);
  const { rows } = await db.query<{ seq: string; last_hash: string | null }>(APPEND, [
    column('seq'),
    column('id'),
    column('occurredAt'),
    column('action'),
    column('clientId'),
    column('user'),
    column('onBehalfOf'),
    column('partnerId'),
    column('accessPoint'),
    column('origin'),
    column('authorisationJson'),
    column('emergency'),
    column('detailJson'),
    column('hash'),
    column('previousHash'),
    from.seq,
    from.hash,
    head.seq,
    head.hash,
  ]);
  if (!rows[0]) throw new Error('the access log head row is missing: are the migrations run?');
  const now = { seq: Number(rows[0].seq), hash: rows[0].last_hash };
  return now.hash === head.hash
    ? { recorded: chained.map(recordedOf), head }
    : { recorded: undefined, head: now };
}
