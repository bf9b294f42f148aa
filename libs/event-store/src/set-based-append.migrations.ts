import type { Migration } from '@samenloop/platform';

/**
 * The append functions again, with the same signatures, answers and errors, but set-based: a call
 * runs a handful of statements whatever its size, where the first versions ran about ten per
 * stream plus one INSERT per event. What made them slow, measured:
 * - The resend check joined the given ids to `events` on every call. Its cost depends on the size
 *   of the id array, which a generic plan does not know, so PL/pgSQL kept planning it anew; it
 *   was most of a one-event append. It now runs only when an index probe finds one of the ids.
 * - One INSERT per event, each with its own executor start; now one INSERT ... SELECT per call,
 *   the hash chain computed by a recursive query over the events in order.
 * - Insert-or-nothing, SELECT ... FOR UPDATE and UPDATE of the `streams` row: the advisory lock
 *   already serialises the writers of a stream (migration 005), so the head is read plainly and
 *   written once with an upsert, in the same statement as the events.
 * The advisory locks are still taken first, before the statement that reads the heads: that
 * statement's snapshot then shows the previous writer's commit.
 *
 * Every statement runs with a generic plan (plan_cache_mode), chosen once per session: custom
 * plans cost a planning per call for plans that do not depend on the values.
 */
export const setBasedAppendMigration: Migration = {
  id: 'event-store/007-set-based-appends',
  sql: `
    CREATE FUNCTION samenloop_revision_matches(expected text, actual bigint)
    RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
      SELECT CASE expected
        WHEN 'any' THEN true
        WHEN 'no-stream' THEN actual = -1
        WHEN 'exists' THEN actual >= 0
        ELSE actual = expected::bigint
      END
    $fn$;

    -- The hash input is split on newlines, so none may occur inside a field (JSON text has none).
    -- STABLE like array_to_string: a function declared stricter than its body is not inlined, and
    -- the SQL-function executor would parse and plan it on every call.
    CREATE FUNCTION samenloop_events_valid(types text[], data text[], metadata text[])
    RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
      SELECT array_position(types, '') IS NULL AND array_position(types, NULL) IS NULL
        AND strpos(array_to_string(types, ' ') || array_to_string(data, ' ')
                   || array_to_string(metadata, ' '), E'\\n') = 0
    $fn$;

    -- How events given to an append compare with the stored events of the stream with their ids:
    -- a resend stores nothing when all are stored with the same content.
    CREATE FUNCTION samenloop_resend_check(
      p_stream text, p_ids uuid[], p_types text[], p_data text[], p_metadata text[],
      OUT found int, OUT all_same boolean, OUT stored_revision bigint, OUT positions bigint[],
      OUT first_different uuid
    ) LANGUAGE sql STABLE AS $fn$
      SELECT count(*)::int, bool_and(stored.same), max(stored.revision),
             array_agg(stored.position ORDER BY stored.k),
             (array_agg(stored.id ORDER BY stored.same, stored.k))[1]
      FROM (
        SELECT g.k, g.id, e.revision, e.position,
               e.type = p_types[g.k]
                 AND samenloop_same_json(e.data, p_data[g.k])
                 AND samenloop_same_json(e.metadata, p_metadata[g.k]) AS same
        FROM unnest(p_ids) WITH ORDINALITY AS g(id, k)
        CROSS JOIN LATERAL (
          SELECT e.revision, e.position, e.type, e.data, e.metadata FROM events e
          WHERE e.stream_id = p_stream AND e.event_id = g.id LIMIT 1
        ) e
      ) stored
    $fn$;

    CREATE OR REPLACE FUNCTION samenloop_append(
      p_stream text, p_expected text, p_ids uuid[], p_types text[], p_data text[], p_metadata text[]
    ) RETURNS TABLE (next_revision bigint, positions bigint[], already_stored boolean)
    LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $fn$
    DECLARE
      v_count int := coalesce(cardinality(p_ids), 0);
      -- Truncated to ms so that a JavaScript Date carries the exact value the hash covers.
      v_recorded_at timestamptz := date_trunc('milliseconds', now());
      v_revision bigint;
      v_stored boolean;
      v_written boolean;
      v_resend record;
      v_conflict uuid;
    BEGIN
      PERFORM pg_advisory_xact_lock(hashtextextended(p_stream, 0));
      IF coalesce(cardinality(p_types), 0) <> v_count
         OR coalesce(cardinality(p_data), 0) <> v_count
         OR coalesce(cardinality(p_metadata), 0) <> v_count THEN
        RAISE EXCEPTION 'ids, types, data and metadata must have the same length' USING ERRCODE = '22023';
      END IF;
      IF coalesce(p_stream, '') = '' OR strpos(p_stream, E'\\n') > 0 THEN
        RAISE EXCEPTION 'stream id must be non-empty without newlines' USING ERRCODE = '22023';
      END IF;
      IF NOT samenloop_events_valid(p_types, p_data, p_metadata) THEN
        RAISE EXCEPTION 'event types must be non-empty, and types, data and metadata without newlines'
          USING ERRCODE = '22023';
      END IF;
      IF v_count > 1 THEN
        SELECT id INTO v_conflict FROM unnest(p_ids) AS id GROUP BY id HAVING count(*) > 1 LIMIT 1;
        IF v_conflict IS NOT NULL THEN
          RAISE EXCEPTION 'stream %: event % appears twice in one append', p_stream, v_conflict
            USING ERRCODE = 'SLDUP', DETAIL = v_conflict::text;
        END IF;
      END IF;

      -- The head, whether any id is stored already, and the write if neither a stored id nor the
      -- expected revision stops it. A resend comes before the revision check: it carries its
      -- original, now stale, expected revision.
      WITH RECURSIVE head AS (
        SELECT coalesce(s.revision, -1) AS revision, s.last_hash AS hash,
               -- One unique-index lookup per id: asked as event_id = ANY (p_ids), a generic plan
               -- may scan the stream's part of the index instead, milliseconds on a long stream.
               -- A LATERAL subquery with LIMIT cannot be turned into such a scan.
               s.stream_id IS NOT NULL AND EXISTS (
                 SELECT FROM unnest(p_ids) AS g(id), LATERAL (
                   SELECT FROM events e WHERE e.stream_id = p_stream AND e.event_id = g.id LIMIT 1
                 ) AS hit
               ) AS stored
        FROM (VALUES (p_stream)) AS given (stream_id) LEFT JOIN streams s USING (stream_id)
      ), accepted AS (
        SELECT h.revision, h.hash FROM head h
        WHERE NOT h.stored AND samenloop_revision_matches(p_expected, h.revision)
      ), chain (k, revision, previous_hash, hash) AS (
        SELECT 0, a.revision, NULL::text, a.hash FROM accepted a
        UNION ALL
        SELECT c.k + 1, c.revision + 1, c.hash,
               samenloop_event_hash(c.hash, p_stream, c.revision + 1, p_ids[c.k + 1], p_types[c.k + 1],
                 p_data[c.k + 1], p_metadata[c.k + 1], v_recorded_at)
        FROM chain c WHERE c.k < v_count
      ), written AS (
        INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, hash, previous_hash)
        SELECT p_stream, c.revision, p_ids[c.k], p_types[c.k], p_data[c.k]::json, p_metadata[c.k]::json,
               v_recorded_at, c.hash, c.previous_hash
        FROM chain c WHERE c.k > 0 ORDER BY c.k
        RETURNING events.position, events.revision, events.hash
      ), new_head AS (
        INSERT INTO streams (stream_id, revision, last_hash)
        SELECT p_stream, w.revision, w.hash FROM written w ORDER BY w.revision DESC LIMIT 1
        ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash
      )
      SELECT h.revision, h.stored, EXISTS (SELECT FROM accepted),
             coalesce((SELECT array_agg(w.position ORDER BY w.position) FROM written w), '{}')
      INTO v_revision, v_stored, v_written, positions
      FROM head h;

      IF v_written THEN
        next_revision := v_revision + v_count;
        already_stored := false;
        RETURN NEXT;
        RETURN;
      END IF;
      IF v_stored THEN
        v_resend := samenloop_resend_check(p_stream, p_ids, p_types, p_data, p_metadata);
        -- A partial overlap is refused too: it is neither a resend nor a new append.
        IF v_resend.found = v_count AND v_resend.all_same THEN
          next_revision := v_resend.stored_revision;
          positions := v_resend.positions;
          already_stored := true;
          RETURN NEXT;
          RETURN;
        END IF;
        RAISE EXCEPTION 'stream %: event % was already stored with other content or in another append',
          p_stream, v_resend.first_different
          USING ERRCODE = 'SLDUP', DETAIL = v_resend.first_different::text;
      END IF;
      RAISE EXCEPTION 'stream %: expected revision %, actual %', p_stream, p_expected, v_revision
        USING ERRCODE = 'SLREV', DETAIL = v_revision::text;
    END
    $fn$;

    -- As before: one row per given stream, a refused stream's error in its row, bad input raised
    -- for the whole call, the advisory locks taken in stream order. Streams are handled in
    -- rounds, the n-th append to a stream in round n, so that a stream given twice is written
    -- twice, the second time on top of the first.
    CREATE OR REPLACE FUNCTION samenloop_append_many(
      p_streams text[], p_expected text[], p_counts int[],
      p_ids uuid[], p_types text[], p_data text[], p_metadata text[]
    ) RETURNS TABLE (ord int, next_revision bigint, positions bigint[], already_stored boolean,
                     error_code text, error_detail text)
    LANGUAGE plpgsql SET plan_cache_mode = force_generic_plan AS $fn$
    DECLARE
      v_streams int := coalesce(cardinality(p_streams), 0);
      v_total int := coalesce(cardinality(p_ids), 0);
      v_recorded_at timestamptz := date_trunc('milliseconds', now());
      -- Per given stream: where its events start in the flat arrays, and its round.
      v_firsts int[];
      v_rounds int[];
      v_counted bigint;
      v_last_round int;
      -- Per stream of a round, in stream order.
      v_ords int[];
      v_revisions bigint[];
      v_hashes text[];
      v_stored boolean[];
      v_twice uuid[];
      -- The streams of a round to write, with their heads.
      v_accepted int[];
      v_accepted_revisions bigint[];
      v_accepted_hashes text[];
      v_o int;
      v_first int;
      v_resend record;
    BEGIN
      IF coalesce(cardinality(p_expected), 0) <> v_streams
         OR coalesce(cardinality(p_counts), 0) <> v_streams THEN
        RAISE EXCEPTION 'streams, expected revisions and counts must have the same length'
          USING ERRCODE = '22023';
      END IF;
      IF array_position(p_counts, NULL) IS NOT NULL OR 0 > ANY (p_counts) THEN
        RAISE EXCEPTION 'counts must not be negative' USING ERRCODE = '22023';
      END IF;
      IF array_position(p_streams, '') IS NOT NULL OR array_position(p_streams, NULL) IS NOT NULL
         OR strpos(array_to_string(p_streams, ' '), E'\\n') > 0 THEN
        RAISE EXCEPTION 'stream id must be non-empty without newlines' USING ERRCODE = '22023';
      END IF;
      SELECT array_agg(x.first ORDER BY x.o), array_agg(x.round ORDER BY x.o),
             coalesce(sum(x.n), 0), coalesce(max(x.round), 0)
      INTO v_firsts, v_rounds, v_counted, v_last_round
      FROM (
        SELECT g.o, g.n, (sum(g.n) OVER (ORDER BY g.o) - g.n)::int AS first,
               row_number() OVER (PARTITION BY g.stream ORDER BY g.o)::int AS round
        FROM unnest(p_streams, p_counts) WITH ORDINALITY AS g(stream, n, o)
      ) x;
      IF v_counted <> v_total OR coalesce(cardinality(p_types), 0) <> v_total
         OR coalesce(cardinality(p_data), 0) <> v_total
         OR coalesce(cardinality(p_metadata), 0) <> v_total THEN
        RAISE EXCEPTION 'ids, types, data and metadata must hold the counted events'
          USING ERRCODE = '22023';
      END IF;
      IF NOT samenloop_events_valid(p_types, p_data, p_metadata) THEN
        RAISE EXCEPTION 'event types must be non-empty, and types, data and metadata without newlines'
          USING ERRCODE = '22023';
      END IF;

      -- In one order for every caller, so that multi-stream appends cannot deadlock.
      PERFORM pg_advisory_xact_lock(hashtextextended(s, 0))
      FROM (SELECT DISTINCT unnest(p_streams) AS s ORDER BY 1) AS in_order;

      FOR v_round IN 1..v_last_round LOOP
        SELECT array_agg(g.o ORDER BY g.stream), array_agg(coalesce(s.revision, -1) ORDER BY g.stream),
               array_agg(s.last_hash ORDER BY g.stream),
               -- One index lookup per id, as in samenloop_append.
               array_agg(s.stream_id IS NOT NULL AND EXISTS (
                 SELECT FROM unnest(p_ids[g.first + 1 : g.first + g.n]) AS d(id), LATERAL (
                   SELECT FROM events e WHERE e.stream_id = g.stream AND e.event_id = d.id LIMIT 1
                 ) AS hit
               ) ORDER BY g.stream),
               array_agg((
                 SELECT d.id FROM unnest(p_ids[g.first + 1 : g.first + g.n]) AS d(id)
                 GROUP BY d.id HAVING count(*) > 1 LIMIT 1
               ) ORDER BY g.stream)
        INTO v_ords, v_revisions, v_hashes, v_stored, v_twice
        FROM unnest(p_streams, p_counts, v_firsts, v_rounds) WITH ORDINALITY AS g(stream, n, first, round, o)
        LEFT JOIN streams s ON s.stream_id = g.stream
        WHERE g.round = v_round;

        v_accepted := '{}';
        v_accepted_revisions := '{}';
        v_accepted_hashes := '{}';
        FOR v_i IN 1..cardinality(v_ords) LOOP
          v_o := v_ords[v_i];
          ord := v_o;
          next_revision := NULL;
          positions := NULL;
          already_stored := false;
          error_code := NULL;
          error_detail := NULL;
          IF v_twice[v_i] IS NOT NULL THEN
            error_code := 'SLDUP';
            error_detail := v_twice[v_i]::text;
          ELSIF v_stored[v_i] THEN
            v_first := v_firsts[v_o];
            v_resend := samenloop_resend_check(p_streams[v_o],
              p_ids[v_first + 1 : v_first + p_counts[v_o]], p_types[v_first + 1 : v_first + p_counts[v_o]],
              p_data[v_first + 1 : v_first + p_counts[v_o]], p_metadata[v_first + 1 : v_first + p_counts[v_o]]);
            IF v_resend.found = p_counts[v_o] AND v_resend.all_same THEN
              next_revision := v_resend.stored_revision;
              positions := v_resend.positions;
              already_stored := true;
            ELSE
              error_code := 'SLDUP';
              error_detail := v_resend.first_different::text;
            END IF;
          ELSIF NOT samenloop_revision_matches(p_expected[v_o], v_revisions[v_i]) THEN
            error_code := 'SLREV';
            error_detail := v_revisions[v_i]::text;
          ELSE
            v_accepted := v_accepted || v_o;
            v_accepted_revisions := v_accepted_revisions || v_revisions[v_i];
            v_accepted_hashes := v_accepted_hashes || v_hashes[v_i];
            CONTINUE;
          END IF;
          RETURN NEXT;
        END LOOP;

        IF cardinality(v_accepted) > 0 THEN
          RETURN QUERY
          WITH RECURSIVE accepted AS (
            SELECT a.o, p_streams[a.o] AS stream, v_firsts[a.o] AS first, p_counts[a.o] AS n,
                   a.revision, a.hash
            FROM unnest(v_accepted, v_accepted_revisions, v_accepted_hashes) AS a(o, revision, hash)
          ), chain (o, stream, first, n, k, revision, previous_hash, hash) AS (
            SELECT a.o, a.stream, a.first, a.n, 0, a.revision, NULL::text, a.hash FROM accepted a
            UNION ALL
            SELECT c.o, c.stream, c.first, c.n, c.k + 1, c.revision + 1, c.hash,
                   samenloop_event_hash(c.hash, c.stream, c.revision + 1, p_ids[c.first + c.k + 1],
                     p_types[c.first + c.k + 1], p_data[c.first + c.k + 1], p_metadata[c.first + c.k + 1],
                     v_recorded_at)
            FROM chain c WHERE c.k < c.n
          ), written AS (
            INSERT INTO events (stream_id, revision, event_id, type, data, metadata, recorded_at, hash, previous_hash)
            SELECT c.stream, c.revision, p_ids[c.first + c.k], p_types[c.first + c.k],
                   p_data[c.first + c.k]::json, p_metadata[c.first + c.k]::json, v_recorded_at, c.hash,
                   c.previous_hash
            FROM chain c WHERE c.k > 0 ORDER BY c.stream, c.k
            RETURNING events.position, events.stream_id, events.revision, events.hash
          ), new_heads AS (
            INSERT INTO streams (stream_id, revision, last_hash)
            SELECT DISTINCT ON (w.stream_id) w.stream_id, w.revision, w.hash
            FROM written w ORDER BY w.stream_id, w.revision DESC
            ON CONFLICT (stream_id) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash
          )
          SELECT a.o::int, a.revision + a.n, coalesce(w.written_positions, '{}'), false, NULL::text, NULL::text
          FROM accepted a
          LEFT JOIN (
            SELECT w.stream_id, array_agg(w.position ORDER BY w.position) AS written_positions
            FROM written w GROUP BY w.stream_id
          ) w ON w.stream_id = a.stream;
        END IF;
      END LOOP;
    END
    $fn$;
  `,
};
