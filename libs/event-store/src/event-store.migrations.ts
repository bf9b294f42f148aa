import type { Migration } from '@samenloop/platform';
import { appendOnlyMigration, appendOnlyTriggers } from '@samenloop/platform';
import { checkpointMigrations } from './consumer/checkpoint.migrations';
import { setBasedAppendMigration } from './set-based-append.migrations';

const events: Migration = {
  id: 'event-store/001-events',
  sql: `
    CREATE TABLE events (
      position bigserial PRIMARY KEY,
      -- Sequences hand out positions at insert, not at commit; readers order the log by the
      -- writing transaction and only take transactions older than every one still running.
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_id text NOT NULL,
      revision bigint NOT NULL CHECK (revision >= 0),
      event_id uuid NOT NULL,
      type text NOT NULL,
      -- json, not jsonb: it keeps the exact text the hash was computed over.
      data json NOT NULL,
      metadata json NOT NULL,
      recorded_at timestamptz NOT NULL,
      hash text NOT NULL,
      previous_hash text,
      UNIQUE (stream_id, revision),
      UNIQUE (stream_id, event_id)
    );
    CREATE INDEX events_log_order ON events (transaction_id, position);
    CREATE INDEX events_type_log_order ON events (type, transaction_id, position);

    -- One row per stream, locked by every append: the optimistic-concurrency check and the head
    -- of the hash chain.
    CREATE TABLE streams (
      stream_id text PRIMARY KEY,
      revision bigint NOT NULL,
      last_hash text
    );
  `,
};

const appendFunction: Migration = {
  id: 'event-store/002-append-function',
  sql: `
    -- The canonical form auditors recompute: eight fields joined by newlines (the append refuses
    -- newlines inside them, so the split is unambiguous), recorded_at as ISO 8601 UTC in ms.
    CREATE FUNCTION samenloop_event_hash(
      previous_hash text, stream_id text, revision bigint, event_id uuid, type text,
      data text, metadata text, recorded_at timestamptz
    ) RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
      SELECT encode(sha256(convert_to(concat_ws(E'\\n',
        coalesce(previous_hash, ''), stream_id, revision::text, event_id::text, type, data, metadata,
        to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      ), 'UTF8')), 'hex')
    $fn$;

    -- Equal content for idempotency: the same text, or the same JSON value in another key order.
    CREATE FUNCTION samenloop_same_json(stored json, given text)
    RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT CASE WHEN stored::text = given THEN true ELSE stored::jsonb = given::jsonb END
    $fn$;

    -- Errors: SLREV (detail: the actual revision), SLDUP (detail: the event id), 22023 bad input.
    CREATE FUNCTION samenloop_append(
      p_stream text, p_expected text, p_ids uuid[], p_types text[], p_data text[], p_metadata text[]
    ) RETURNS TABLE (next_revision bigint, positions bigint[], already_stored boolean)
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_count int := coalesce(cardinality(p_ids), 0);
      -- Truncated to ms so that a JavaScript Date carries the exact value the hash covers.
      v_recorded_at timestamptz := date_trunc('milliseconds', now());
      v_revision bigint;
      v_hash text;
      v_next_hash text;
      v_position bigint;
      v_positions bigint[] := '{}';
      v_found int;
      v_stored_revision bigint;
      v_all_same boolean;
      v_conflict uuid;
    BEGIN
      IF coalesce(cardinality(p_types), 0) <> v_count
         OR coalesce(cardinality(p_data), 0) <> v_count
         OR coalesce(cardinality(p_metadata), 0) <> v_count THEN
        RAISE EXCEPTION 'ids, types, data and metadata must have the same length' USING ERRCODE = '22023';
      END IF;
      IF coalesce(p_stream, '') = '' OR strpos(p_stream, E'\\n') > 0 THEN
        RAISE EXCEPTION 'stream id must be non-empty without newlines' USING ERRCODE = '22023';
      END IF;
      IF EXISTS (
        SELECT FROM unnest(p_types, p_data, p_metadata) AS e(type, data, metadata)
        WHERE coalesce(e.type, '') = '' OR strpos(e.type || e.data || e.metadata, E'\\n') > 0
      ) THEN
        RAISE EXCEPTION 'event types must be non-empty, and types, data and metadata without newlines'
          USING ERRCODE = '22023';
      END IF;
      SELECT id INTO v_conflict FROM unnest(p_ids) AS id GROUP BY id HAVING count(*) > 1 LIMIT 1;
      IF v_conflict IS NOT NULL THEN
        RAISE EXCEPTION 'stream %: event % appears twice in one append', p_stream, v_conflict
          USING ERRCODE = 'SLDUP', DETAIL = v_conflict::text;
      END IF;

      IF v_count > 0 THEN
        -- Creates the stream row if needed so that concurrent first appends queue on its lock.
        INSERT INTO streams (stream_id, revision) VALUES (p_stream, -1) ON CONFLICT DO NOTHING;
        SELECT s.revision, s.last_hash INTO v_revision, v_hash
        FROM streams s WHERE s.stream_id = p_stream FOR UPDATE;
      ELSE
        SELECT s.revision INTO v_revision FROM streams s WHERE s.stream_id = p_stream;
        v_revision := coalesce(v_revision, -1);
      END IF;

      -- Idempotency comes before the revision check: a retry carries its original, now stale,
      -- expected revision.
      SELECT count(*), bool_and(same), max(revision),
             array_agg(position ORDER BY ord), (array_agg(id ORDER BY same, ord))[1]
      INTO v_found, v_all_same, v_stored_revision, v_positions, v_conflict
      FROM (
        SELECT g.ord, g.id, e.revision, e.position,
               e.type = p_types[g.ord]
                 AND samenloop_same_json(e.data, p_data[g.ord])
                 AND samenloop_same_json(e.metadata, p_metadata[g.ord]) AS same
        FROM unnest(p_ids) WITH ORDINALITY AS g(id, ord)
        JOIN events e ON e.stream_id = p_stream AND e.event_id = g.id
      ) stored;
      IF v_found = v_count AND v_count > 0 AND v_all_same THEN
        RETURN QUERY SELECT v_stored_revision, v_positions, true;
        RETURN;
      END IF;
      -- A partial overlap is refused too: it is neither a retry nor a new append.
      IF v_found > 0 THEN
        RAISE EXCEPTION 'stream %: event % was already stored with other content or in another append',
          p_stream, v_conflict USING ERRCODE = 'SLDUP', DETAIL = v_conflict::text;
      END IF;

      IF NOT (CASE p_expected
          WHEN 'any' THEN true
          WHEN 'no-stream' THEN v_revision = -1
          WHEN 'exists' THEN v_revision >= 0
          ELSE v_revision = p_expected::bigint
        END) THEN
        RAISE EXCEPTION 'stream %: expected revision %, actual %', p_stream, p_expected, v_revision
          USING ERRCODE = 'SLREV', DETAIL = v_revision::text;
      END IF;

      v_positions := '{}';
      FOR i IN 1..v_count LOOP
        v_revision := v_revision + 1;
        v_next_hash := samenloop_event_hash(v_hash, p_stream, v_revision, p_ids[i], p_types[i],
          p_data[i], p_metadata[i], v_recorded_at);
        INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, hash, previous_hash)
        VALUES (p_stream, v_revision, p_ids[i], p_types[i], p_data[i]::json, p_metadata[i]::json,
          v_recorded_at, v_next_hash, v_hash)
        RETURNING position INTO v_position;
        v_positions := v_positions || v_position;
        v_hash := v_next_hash;
      END LOOP;
      IF v_count > 0 THEN
        UPDATE streams SET revision = v_revision, last_hash = v_hash WHERE stream_id = p_stream;
      END IF;
      RETURN QUERY SELECT v_revision, v_positions, false;
    END
    $fn$;
  `,
};

const appendManyFunction: Migration = {
  id: 'event-store/004-append-many-function',
  sql: `
    -- One transaction for the appends to several streams (group commit). Each stream is checked on
    -- its own, as samenloop_append checks it, and answered in a row of its own: a wrong expected
    -- revision or a duplicate id on one stream is that row's error_code (SLREV, detail: the actual
    -- revision; SLDUP, detail: the event id) and leaves the others to be written. Bad input raises
    -- 22023 for the whole call. Streams are locked in stream-id order, the same order for every
    -- caller, so that concurrent multi-stream appends cannot deadlock. p_counts[i] events of the
    -- flat p_ids/p_types/p_data/p_metadata arrays belong to p_streams[i], in order.
    CREATE FUNCTION samenloop_append_many(
      p_streams text[], p_expected text[], p_counts int[],
      p_ids uuid[], p_types text[], p_data text[], p_metadata text[]
    ) RETURNS TABLE (ord int, next_revision bigint, positions bigint[], already_stored boolean,
                     error_code text, error_detail text)
    LANGUAGE plpgsql AS $fn$
    DECLARE
      v_streams int := coalesce(cardinality(p_streams), 0);
      v_total int := coalesce(cardinality(p_ids), 0);
      v_recorded_at timestamptz := date_trunc('milliseconds', now());
      v_offsets int[] := '{}';
      v_offset int := 0;
      v_i int;
      v_stream text;
      v_start int;
      v_count int;
      v_ids uuid[];
      v_created int;
      v_revision bigint;
      v_hash text;
      v_next_hash text;
      v_position bigint;
      v_positions bigint[];
      v_found int;
      v_all_same boolean;
      v_stored_revision bigint;
      v_conflict uuid;
      -- Copies of the event arrays: a plpgsql variable holds an array in expanded form, where
      -- reading element i costs the same for every i; in a flat text[] it means walking the
      -- elements before it, which made a call of 100 events spend milliseconds on subscripts.
      v_all_ids uuid[] := p_ids;
      v_types text[] := p_types;
      v_data text[] := p_data;
      v_metadata text[] := p_metadata;
    BEGIN
      IF coalesce(cardinality(p_expected), 0) <> v_streams
         OR coalesce(cardinality(p_counts), 0) <> v_streams THEN
        RAISE EXCEPTION 'streams, expected revisions and counts must have the same length'
          USING ERRCODE = '22023';
      END IF;
      FOR v_i IN 1..v_streams LOOP
        IF coalesce(p_counts[v_i], -1) < 0 THEN
          RAISE EXCEPTION 'counts must not be negative' USING ERRCODE = '22023';
        END IF;
        IF coalesce(p_streams[v_i], '') = '' OR strpos(p_streams[v_i], E'\\n') > 0 THEN
          RAISE EXCEPTION 'stream id must be non-empty without newlines' USING ERRCODE = '22023';
        END IF;
        v_offsets := v_offsets || v_offset;
        v_offset := v_offset + p_counts[v_i];
      END LOOP;
      IF v_offset <> v_total OR coalesce(cardinality(p_types), 0) <> v_total
         OR coalesce(cardinality(p_data), 0) <> v_total
         OR coalesce(cardinality(p_metadata), 0) <> v_total THEN
        RAISE EXCEPTION 'ids, types, data and metadata must hold the counted events'
          USING ERRCODE = '22023';
      END IF;
      IF EXISTS (
        SELECT FROM unnest(p_types, p_data, p_metadata) AS e(type, data, metadata)
        WHERE coalesce(e.type, '') = '' OR strpos(e.type || e.data || e.metadata, E'\\n') > 0
      ) THEN
        RAISE EXCEPTION 'event types must be non-empty, and types, data and metadata without newlines'
          USING ERRCODE = '22023';
      END IF;

      FOR v_i IN SELECT s.ord FROM unnest(p_streams) WITH ORDINALITY AS s(stream, ord)
                 ORDER BY s.stream, s.ord LOOP
        v_stream := p_streams[v_i];
        v_start := v_offsets[v_i];
        v_count := p_counts[v_i];
        v_ids := '{}';
        FOR v_j IN 1..v_count LOOP v_ids := v_ids || v_all_ids[v_start + v_j]; END LOOP;

        SELECT id INTO v_conflict FROM unnest(v_ids) AS id GROUP BY id HAVING count(*) > 1 LIMIT 1;
        IF v_conflict IS NOT NULL THEN
          RETURN QUERY SELECT v_i, NULL::bigint, NULL::bigint[], false, 'SLDUP', v_conflict::text;
          CONTINUE;
        END IF;

        v_created := 0;
        IF v_count > 0 THEN
          INSERT INTO streams (stream_id, revision) VALUES (v_stream, -1) ON CONFLICT DO NOTHING;
          GET DIAGNOSTICS v_created = ROW_COUNT;
          SELECT s.revision, s.last_hash INTO v_revision, v_hash
          FROM streams s WHERE s.stream_id = v_stream FOR UPDATE;
        ELSE
          SELECT s.revision INTO v_revision FROM streams s WHERE s.stream_id = v_stream;
          v_revision := coalesce(v_revision, -1);
        END IF;

        -- Idempotency before the revision check, as in samenloop_append.
        SELECT count(*), bool_and(same), max(revision),
               array_agg(position ORDER BY g_ord), (array_agg(id ORDER BY same, g_ord))[1]
        INTO v_found, v_all_same, v_stored_revision, v_positions, v_conflict
        FROM (
          SELECT g.ord AS g_ord, g.id, e.revision, e.position,
                 e.type = v_types[v_start + g.ord::int]
                   AND samenloop_same_json(e.data, v_data[v_start + g.ord::int])
                   AND samenloop_same_json(e.metadata, v_metadata[v_start + g.ord::int]) AS same
          FROM unnest(v_ids) WITH ORDINALITY AS g(id, ord)
          JOIN events e ON e.stream_id = v_stream AND e.event_id = g.id
        ) stored;
        IF v_found = v_count AND v_count > 0 AND v_all_same THEN
          RETURN QUERY SELECT v_i, v_stored_revision, v_positions, true, NULL::text, NULL::text;
          CONTINUE;
        END IF;
        IF v_found > 0 OR NOT (CASE p_expected[v_i]
            WHEN 'any' THEN true
            WHEN 'no-stream' THEN v_revision = -1
            WHEN 'exists' THEN v_revision >= 0
            ELSE v_revision = p_expected[v_i]::bigint
          END) THEN
          -- A stream row made only for this refused append goes again.
          IF v_created > 0 THEN DELETE FROM streams WHERE stream_id = v_stream; END IF;
          IF v_found > 0 THEN
            RETURN QUERY SELECT v_i, NULL::bigint, NULL::bigint[], false, 'SLDUP', v_conflict::text;
          ELSE
            RETURN QUERY SELECT v_i, NULL::bigint, NULL::bigint[], false, 'SLREV', v_revision::text;
          END IF;
          CONTINUE;
        END IF;

        v_positions := '{}';
        FOR v_j IN 1..v_count LOOP
          v_revision := v_revision + 1;
          v_next_hash := samenloop_event_hash(v_hash, v_stream, v_revision, v_ids[v_j],
            v_types[v_start + v_j], v_data[v_start + v_j], v_metadata[v_start + v_j], v_recorded_at);
          INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, hash, previous_hash)
          VALUES (v_stream, v_revision, v_ids[v_j], v_types[v_start + v_j], v_data[v_start + v_j]::json,
            v_metadata[v_start + v_j]::json, v_recorded_at, v_next_hash, v_hash)
          RETURNING position INTO v_position;
          v_positions := v_positions || v_position;
          v_hash := v_next_hash;
        END LOOP;
        IF v_count > 0 THEN
          UPDATE streams SET revision = v_revision, last_hash = v_hash WHERE stream_id = v_stream;
        END IF;
        RETURN QUERY SELECT v_i, v_revision, v_positions, false, NULL::text, NULL::text;
      END LOOP;
    END
    $fn$;
  `,
};

/**
 * The log is read in (transaction id, position) order, so a stream's revisions come out in order
 * only if a later revision's transaction took its id later. A transaction takes its id at its first
 * write; two appends racing for one stream could take theirs in one order and the stream's row
 * lock in the other. An advisory lock per stream, which takes no transaction id, is therefore
 * acquired before any write: whoever writes a stream next takes its id after the previous writer
 * committed. Appends must run in transactions of their own (the adapter's are).
 */
const streamLocks: Migration = {
  id: 'event-store/005-stream-locks-before-writes',
  sql: [
    withLockFirst(
      functionDefinition(appendFunction.sql, 'samenloop_append'),
      'PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 0));',
    ),
    withLockFirst(
      functionDefinition(appendManyFunction.sql, 'samenloop_append_many'),
      // In one order for every caller, so that multi-stream appends cannot deadlock.
      'PERFORM pg_advisory_xact_lock(hashtextextended(s, 0)) FROM (SELECT DISTINCT unnest(p_streams) AS s ORDER BY 1) AS in_order;',
    ),
  ].join('\n'),
};

function functionDefinition(sql: string, name: string): string {
  const start = sql.indexOf(`CREATE FUNCTION ${name}(`);
  const end = sql.indexOf('$fn$;', start);
  if (start < 0 || end < 0) throw new Error(`no definition of ${name} to replace`);
  return sql
    .slice(start, end + '$fn$;'.length)
    .replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION');
}

function withLockFirst(definition: string, lock: string): string {
  const body = definition.indexOf('\n    BEGIN\n');
  if (body < 0) throw new Error('no function body to lock in');
  const at = body + '\n    BEGIN\n'.length;
  return `${definition.slice(0, at)}      ${lock}\n${definition.slice(at)}`;
}

/**
 * Stored events are never changed or removed: erasure destroys a client's key instead. Only the
 * append functions write `events`, and they insert.
 */
const eventsAppendOnly: Migration = {
  id: 'event-store/006-events-append-only',
  sql: appendOnlyTriggers('events'),
};

/** The store's own tables plus the checkpoints of the consumers that follow it. */
export const eventStoreMigrations: Migration[] = [
  events,
  appendFunction,
  ...checkpointMigrations,
  appendManyFunction,
  streamLocks,
  appendOnlyMigration,
  eventsAppendOnly,
  setBasedAppendMigration,
];
