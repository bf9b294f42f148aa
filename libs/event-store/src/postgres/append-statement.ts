import { DatabaseError, type Pool, type PoolClient } from 'pg';
import { checkedEventId, checkedExpectedRevision } from '../append-validation';
import { toJsonText } from '../event-hash';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import type {
  AppendOptions,
  AppendResult,
  EventToAppend,
  StreamAppend,
  StreamAppendOutcome,
} from '../event-store.port';

interface AppendRow {
  next_revision: string;
  positions: string[];
  already_stored: boolean;
}

/**
 * One round trip to `samenloop_append`, on the pool or on a client inside the caller's own
 * transaction; the function's SQLSTATEs become the port's errors. Named, so that each connection
 * parses and plans the call once.
 */
export async function appendStatement(
  db: Pool | PoolClient,
  stream: string,
  events: readonly EventToAppend[],
  options: AppendOptions = {},
): Promise<AppendResult> {
  const expected = checkedExpectedRevision(options.expectedRevision ?? 'any');
  const values = [
    stream,
    String(expected),
    events.map((event) => checkedEventId(event.id)),
    events.map((event) => event.type),
    events.map((event) => toJsonText(event.data)),
    events.map((event) => toJsonText(event.metadata ?? {})),
  ];
  try {
    const { rows } = await db.query<AppendRow>({
      name: 'samenloop-append',
      text: `SELECT next_revision, positions, already_stored
             FROM samenloop_append($1, $2, $3::uuid[], $4::text[], $5::text[], $6::text[])`,
      values,
    });
    const [row] = rows;
    return {
      nextRevision: Number(row.next_revision),
      positions: row.positions.map(Number),
      alreadyStored: row.already_stored,
    };
  } catch (error) {
    if (error instanceof DatabaseError && error.code === 'SLREV') {
      throw new WrongExpectedRevisionError(stream, expected, Number(error.detail));
    }
    if (error instanceof DatabaseError && error.code === 'SLDUP') {
      throw new DuplicateEventIdError(stream, String(error.detail));
    }
    throw error;
  }
}

interface AppendManyRow {
  ord: number;
  next_revision: string | null;
  positions: string[] | null;
  already_stored: boolean;
  error_code: string | null;
  error_detail: string | null;
}

/** One round trip to `samenloop_append_many`: every stream's append in one transaction. */
export async function appendManyStatement(
  db: Pool | PoolClient,
  appends: readonly StreamAppend[],
): Promise<StreamAppendOutcome[]> {
  if (appends.length === 0) return [];
  const expected = appends.map(({ options }) =>
    checkedExpectedRevision(options?.expectedRevision ?? 'any'),
  );
  const events = appends.flatMap((append) => append.events);
  const { rows } = await db.query<AppendManyRow>({
    name: 'samenloop-append-many',
    text: `SELECT ord, next_revision, positions, already_stored, error_code, error_detail
           FROM samenloop_append_many($1, $2, $3::int[], $4::uuid[], $5::text[], $6::text[], $7::text[])`,
    values: [
      appends.map(({ stream }) => stream),
      expected.map(String),
      appends.map((append) => append.events.length),
      events.map((event) => checkedEventId(event.id)),
      events.map((event) => event.type),
      events.map((event) => toJsonText(event.data)),
      events.map((event) => toJsonText(event.metadata ?? {})),
    ],
  });
  const outcomes: StreamAppendOutcome[] = new Array(appends.length);
  for (const row of rows) {
    const index = row.ord - 1;
    const stream = appends[index]!.stream;
    if (row.error_code === 'SLREV') {
      outcomes[index] = {
        ok: false,
        error: new WrongExpectedRevisionError(stream, expected[index]!, Number(row.error_detail)),
      };
    } else if (row.error_code === 'SLDUP') {
      outcomes[index] = {
        ok: false,
        error: new DuplicateEventIdError(stream, String(row.error_detail)),
      };
    } else {
      outcomes[index] = {
        ok: true,
        result: {
          nextRevision: Number(row.next_revision),
          positions: (row.positions ?? []).map(Number),
          alreadyStored: row.already_stored,
        },
      };
    }
  }
  return outcomes;
}
