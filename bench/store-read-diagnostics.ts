/**
 * Where a page of the store's read goes: EXPLAIN ANALYZE of the store's page query (the text of
 * `readSettledEvents` in libs/event-store, repeated here because a bench may only use the lib's
 * index) and of the raw keyset query, at the start and at the end of the log; and the round trip
 * `readAll` makes before each page to turn its `from` position into a log cursor (`resolveCursor`).
 */
import { performance } from 'node:perf_hooks';
import type { Pool } from 'pg';
import { READ_COLUMNS } from './store-raw-baseline';

export interface ReadDiagnostics {
  /** Full plans, for stdout. */
  text: string;
  /** A short account for BENCHMARKS.md. */
  markdown: string;
}

const STORE_PAGE_QUERY = `SELECT ${READ_COLUMNS} FROM events
  WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
    AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    AND ($3::text[] IS NULL OR type = ANY ($3::text[]))
  ORDER BY transaction_id, position
  LIMIT $4`;

const PAGE = 1_000;

interface Plan {
  label: string;
  lines: string[];
  executionMs: number;
}

/**
 * @param storePageMs the store's mean time per page of `readAll`, measured by the bench
 */
export async function explainReads(
  pool: Pool,
  rawTable: string,
  storePageMs: number,
): Promise<ReadDiagnostics> {
  const total = Number(
    (await pool.query<{ n: string }>('SELECT count(*) AS n FROM events')).rows[0].n,
  );
  const nearEnd = Math.max(0, total - PAGE - 1);
  const cursorAt = async (offset: number) =>
    (
      await pool.query<{ transaction_id: string; position: string }>(
        `SELECT transaction_id, position FROM events ORDER BY transaction_id, position
         OFFSET $1 LIMIT 1`,
        [offset],
      )
    ).rows[0];
  const end = await cursorAt(nearEnd);
  const rawEnd = (
    await pool.query<{ position: string }>(
      `SELECT position FROM ${rawTable} ORDER BY position OFFSET $1 LIMIT 1`,
      [nearEnd],
    )
  ).rows[0];

  const plans: Plan[] = [
    await explain(pool, 'store page at the start', STORE_PAGE_QUERY, ['0', 0, null, PAGE]),
    await explain(pool, 'store page at the end', STORE_PAGE_QUERY, [
      end.transaction_id,
      end.position,
      null,
      PAGE,
    ]),
    await explain(pool, 'raw page at the start', rawQuery(rawTable), [0, PAGE]),
    await explain(pool, 'raw page at the end', rawQuery(rawTable), [rawEnd.position, PAGE]),
  ];
  const lookupMs = await timeCursorLookups(pool, total);
  const lookup =
    `\`readAll({ from })\` first looks up the transaction of \`from\` (one more round trip, ` +
    `${lookupMs.toFixed(3)} ms on average here), then reads the page: ` +
    `${((lookupMs / storePageMs) * 100).toFixed(0)}% of its ${storePageMs.toFixed(2)} ms per page.`;
  const text = plans
    .map((plan) => `EXPLAIN ANALYZE, ${plan.label}:\n${plan.lines.join('\n')}`)
    .join('\n\n')
    .concat(`\n\n${lookup}`);
  const markdown = [
    lookup,
    '',
    `Server-side time of one ${PAGE}-event page (EXPLAIN ANALYZE): ` +
      plans.map((plan) => `${plan.label} ${plan.executionMs.toFixed(2)} ms`).join(', ') +
      '. Store plan at the end of the log:',
    '',
    '```',
    ...plans[1].lines,
    '```',
  ].join('\n');
  return { text, markdown };
}

/** The lookup `resolveCursor` makes, timed from the client like the reads. */
async function timeCursorLookups(pool: Pool, total: number): Promise<number> {
  const lookups = 500;
  const started = performance.now();
  for (let n = 1; n <= lookups; n += 1) {
    const position = Math.max(1, Math.floor((n * total) / lookups));
    await pool.query('SELECT transaction_id FROM events WHERE position = $1', [position]);
  }
  return (performance.now() - started) / lookups;
}

function rawQuery(table: string): string {
  return `SELECT ${READ_COLUMNS} FROM ${table} WHERE position > $1 ORDER BY position LIMIT $2`;
}

async function explain(pool: Pool, label: string, query: string, values: unknown[]): Promise<Plan> {
  // Twice: the first run may still pay for cold buffers; the second is the steady state.
  await pool.query(`EXPLAIN (ANALYZE) ${query}`, values);
  const { rows } = await pool.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) ${query}`,
    values,
  );
  const lines = rows.map((row) => row['QUERY PLAN']);
  const execution = lines.find((line) => line.startsWith('Execution Time'));
  const executionMs = Number(/([\d.]+) ms/.exec(execution ?? '')?.[1] ?? NaN);
  return { label, lines, executionMs };
}
