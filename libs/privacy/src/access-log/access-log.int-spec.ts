import { randomUUID } from 'node:crypto';
import { createTestDatabase, recordStatements, type TestDatabase } from '@samenloop/testing';
import { appendOnlyMigration } from '@samenloop/platform';
import { Pool } from 'pg';
import { SystemClock } from '../clock/clock';
import { AccessLog } from './access-log';
import type { AccessLogEntry } from './access-log-entry';
import { accessLogMigrations } from './access-log.migrations';
import { ACCESS_LOG_TEXT_COLUMNS, storedContentHash, type StoredAccessRow } from './access-log-row';

describe('AccessLog', () => {
  let db: TestDatabase;
  let log: AccessLog;

  beforeAll(async () => {
    db = await createTestDatabase([appendOnlyMigration, ...accessLogMigrations]);
    log = new AccessLog(db.pool, new SystemClock());
  });
  afterAll(() => db.drop());

  const view = (clientId: string, user = 'emp-1234', at?: Date): AccessLogEntry => ({
    action: 'timeline.view',
    clientId,
    user,
    partnerId: 'ggz-oost',
    accessPoint: 'GET /v1/dashboard/clients/{ref}/timeline',
    authorisation: { basis: 'agreement', reference: 'convenant-helmond', version: '3' },
    ...(at ? { occurredAt: at } : {}),
  });

  /** Recomputes the whole chain from the stored rows, as `samenloop audit verify` does. */
  async function chainIsWhole(): Promise<number> {
    const { rows } = await db.pool.query<StoredAccessRow>(
      `SELECT ${ACCESS_LOG_TEXT_COLUMNS} FROM access_log ORDER BY seq`,
    );
    let previous: string | null = null;
    rows.forEach((row, index) => {
      expect(Number(row.seq)).toBe(index + 1);
      expect(row.previous_hash).toBe(previous);
      const hash = storedContentHash(row);
      expect(row.hash).toBe(hash);
      previous = hash;
    });
    const head = await db.pool.query('SELECT seq, last_hash FROM access_log_head');
    expect({ seq: Number(head.rows[0].seq), hash: head.rows[0].last_hash }).toEqual({
      seq: rows.length,
      hash: previous,
    });
    return rows.length;
  }

  /** Another hub process: an access log of its own, on a pool of its own. */
  async function inAnotherProcess<T>(
    work: (other: AccessLog, statements: string[]) => Promise<T>,
  ): Promise<T> {
    const pool = new Pool({ connectionString: db.url, max: 4 });
    const statements = recordStatements(pool);
    try {
      return await work(new AccessLog(pool, new SystemClock()), statements);
    } finally {
      await pool.end();
    }
  }

  it('chains entries written by many writers in several processes at once, without forks or gaps', async () => {
    const client = randomUUID();
    await inAnotherProcess(async (other) => {
      const inTransaction = async () => {
        const connection = await db.pool.connect();
        try {
          await connection.query('BEGIN');
          await log.recordAll([view(client), view(client)], { within: connection });
          await connection.query('COMMIT');
        } finally {
          connection.release();
        }
      };
      for (let round = 0; round < 5; round += 1) {
        await Promise.all([
          ...Array.from({ length: 10 }, (_, n) => log.record(view(client, `emp-${n}`))),
          ...Array.from({ length: 10 }, (_, n) => other.record(view(client, `emp-${n}`))),
          log.recordAll([view(client), view(client), view(client)]),
          other.recordAll([view(client), view(client), view(client)]),
          inTransaction(),
        ]);
      }
    });

    expect((await log.forClient(client)).length).toBe(5 * (20 + 6 + 2));
    await chainIsWhole();
  });

  it('appends the entries of concurrent requests in one statement, a lone request’s too', async () => {
    const client = randomUUID();
    await inAnotherProcess(async (other, statements) => {
      // The first statement of a process learns where the head is, if it guessed wrong.
      await other.record(view(client));
      statements.length = 0;

      await other.record(view(client));
      expect(statements).toEqual(['WITH']);

      statements.length = 0;
      const recorded = await Promise.all([
        ...Array.from({ length: 30 }, (_, n) => other.recordAll([view(client, `emp-${n}`)])),
        ...Array.from({ length: 5 }, () => other.recordAll([view(client), view(client)])),
      ]);
      expect(statements).toEqual(['WITH']);
      // Each request gets its own entries back, in their order in the chain.
      expect(recorded.map((entries) => entries.length)).toEqual([
        ...Array<number>(30).fill(1),
        ...Array<number>(5).fill(2),
      ]);
      expect(recorded.slice(0, 3).map(([entry]) => entry!.user)).toEqual([
        'emp-0',
        'emp-1',
        'emp-2',
      ]);
      const seqs = recorded.flat().map(({ seq }) => seq);
      expect(seqs).toEqual(seqs.map((_, index) => seqs[0]! + index));
    });
    await chainIsWhole();
  });

  it('fails every request of a batch that fails, and stores none of it', async () => {
    const client = randomUUID();
    const { rows: before } = await db.pool.query('SELECT seq, last_hash FROM access_log_head');
    await db.pool.query(
      `ALTER TABLE access_log ADD CONSTRAINT refuse_for_test CHECK (user_id <> 'emp-refused')`,
    );
    try {
      const outcomes = await Promise.allSettled([
        log.record(view(client, 'emp-a')),
        log.record(view(client, 'emp-refused')),
        log.recordAll([view(client, 'emp-b'), view(client, 'emp-c')]),
      ]);
      expect(outcomes.map(({ status }) => status)).toEqual(['rejected', 'rejected', 'rejected']);
    } finally {
      await db.pool.query('ALTER TABLE access_log DROP CONSTRAINT refuse_for_test');
    }

    expect((await log.forClient(client)).length).toBe(0);
    expect((await db.pool.query('SELECT seq, last_hash FROM access_log_head')).rows).toEqual(
      before,
    );
    await log.record(view(client, 'emp-a'));
    expect((await log.forClient(client)).length).toBe(1);
    await chainIsWhole();
  });

  it('commits with the caller’s transaction, or not at all', async () => {
    const client = randomUUID();
    const connection = await db.pool.connect();
    try {
      await connection.query('BEGIN');
      await log.record(view(client), { within: connection });
      await connection.query('ROLLBACK');
    } finally {
      connection.release();
    }
    expect((await log.forClient(client)).length).toBe(0);
    await log.record(view(client));
    expect((await log.forClient(client)).length).toBe(1);
    await chainIsWhole();
  });

  it('refuses to change, delete or truncate an entry', async () => {
    await log.record(view(randomUUID()));
    await expect(db.pool.query("UPDATE access_log SET user_id = 'someone-else'")).rejects.toThrow(
      /append-only/,
    );
    await expect(db.pool.query('DELETE FROM access_log')).rejects.toThrow(/append-only/);
    await expect(db.pool.query('TRUNCATE access_log')).rejects.toThrow(/append-only/);
    await expect(db.pool.query('UPDATE access_log_head SET seq = 0')).rejects.toThrow(
      /only moves forward/,
    );
  });

  it('refuses a malformed entry', async () => {
    await expect(log.record({ ...view(randomUUID()), action: 'Timeline View' })).rejects.toThrow(
      TypeError,
    );
    await expect(log.record({ ...view('GM-123') })).rejects.toThrow(/UUID/);
    await expect(
      log.record({
        ...view(randomUUID()),
        authorisation: { basis: 'hunch' as 'law', reference: 'x' },
      }),
    ).rejects.toThrow(/basis/);
  });

  it('filters by client, user, partner, action and time, in chronological pages', async () => {
    const client = randomUUID();
    const start = new Date('2026-01-01T09:00:00.000Z');
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    await log.recordAll([
      view(client, 'emp-a', at(3)),
      view(client, 'emp-b', at(1)),
      view(client, 'emp-a', at(2)),
      { ...view(client, 'emp-a', at(4)), action: 'audit.export', partnerId: undefined },
      view(randomUUID(), 'emp-a', at(2)),
    ]);

    const mine = await log.query({ clientId: client, user: 'emp-a' });
    expect(mine.entries.map((e) => e.occurredAt)).toEqual([at(2), at(3), at(4)].map(iso));
    expect((await log.query({ clientId: client, action: 'audit.export' })).entries).toHaveLength(1);
    expect(
      (await log.query({ clientId: client, partnerId: 'ggz-oost', from: at(2), to: at(3) }))
        .entries,
    ).toHaveLength(1);

    const first = await log.query({ clientId: client, limit: 3 });
    expect(first.entries).toHaveLength(3);
    const second = await log.query({ clientId: client, limit: 3, after: first.next });
    expect(second.next).toBeUndefined();
    expect([...first.entries, ...second.entries].map((e) => e.user)).toEqual([
      'emp-b',
      'emp-a',
      'emp-a',
      'emp-a',
    ]);
  });
});

function iso(date: Date): string {
  return date.toISOString();
}
