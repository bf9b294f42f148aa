import { randomUUID } from 'node:crypto';
import { createTestStore, type TestStore } from '@samenloop/testing';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import { appendManyStatement } from './append-statement';

describe('PostgresEventStore.appendMany', () => {
  let db: TestStore;
  beforeAll(async () => {
    db = await createTestStore();
  });
  afterAll(() => db?.drop());
  const event = (n = 1) => ({
    id: randomUUID(),
    type: 'thing-happened',
    data: { n },
    metadata: { m: n },
  });

  it('appends to several streams in one call, each checked on its own', async () => {
    const [a, b, c] = [`s-${randomUUID()}`, `s-${randomUUID()}`, `s-${randomUUID()}`];
    await db.store.append(b, [event()]);
    const resend = event(7);
    await db.store.append(c, [resend]);
    const outcomes = await db.store.appendMany([
      { stream: a, events: [event(1), event(2)], options: { expectedRevision: 'no-stream' } },
      { stream: b, events: [event(3)], options: { expectedRevision: 5 } },
      { stream: c, events: [resend], options: { expectedRevision: 'no-stream' } },
      { stream: `s-${randomUUID()}`, events: [event()], options: { expectedRevision: 3 } },
    ]);
    expect(outcomes[0]).toMatchObject({
      ok: true,
      result: { nextRevision: 1, alreadyStored: false },
    });
    expect(outcomes[1]).toMatchObject({ ok: false });
    const refused = outcomes[1] as { ok: false; error: Error };
    expect(refused.error).toBeInstanceOf(WrongExpectedRevisionError);
    expect((refused.error as WrongExpectedRevisionError).actual).toBe(0);
    expect(outcomes[2]).toMatchObject({
      ok: true,
      result: { nextRevision: 0, alreadyStored: true },
    });
    expect((outcomes[3] as { error: Error }).error).toBeInstanceOf(WrongExpectedRevisionError);
    expect((await db.store.readStream(a)).map((e) => e.data)).toEqual([{ n: 1 }, { n: 2 }]);
    const { rows } = await db.pool.query(
      'SELECT count(*)::int AS n FROM streams WHERE revision = -1',
    );
    expect(rows[0].n).toBe(0);
    const other = { ...resend, data: { n: 8 } };
    const [dup] = await db.store.appendMany([{ stream: c, events: [other] }]);
    expect((dup as { error: Error }).error).toBeInstanceOf(DuplicateEventIdError);
  });

  it('writes a stream given twice on top of its first append, and a resend in the call once', async () => {
    const stream = `s-${randomUUID()}`;
    const [first, second] = [event(1), event(2)];
    const outcomes = await db.store.appendMany([
      { stream, events: [first], options: { expectedRevision: 'no-stream' } },
      { stream, events: [second], options: { expectedRevision: 0 } },
      { stream, events: [first], options: { expectedRevision: 'no-stream' } },
      { stream, events: [event(3)], options: { expectedRevision: 0 } },
    ]);
    expect(outcomes.map((outcome) => (outcome.ok ? outcome.result : outcome.error.name))).toEqual([
      { nextRevision: 0, positions: [expect.any(Number)], alreadyStored: false },
      { nextRevision: 1, positions: [expect.any(Number)], alreadyStored: false },
      {
        nextRevision: 0,
        positions: (outcomes[0] as { result: { positions: number[] } }).result.positions,
        alreadyStored: true,
      },
      'WrongExpectedRevisionError',
    ]);
    expect((await db.store.readStream(stream)).map((e) => e.id)).toEqual([first.id, second.id]);
  });

  it('leaves the caller’s transaction usable after a refused stream; the others commit with it', async () => {
    const [kept, refused] = [`s-${randomUUID()}`, `s-${randomUUID()}`];
    await db.store.append(refused, [event()]);
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      const outcomes = await appendManyStatement(client, [
        { stream: kept, events: [event(1)], options: { expectedRevision: 'no-stream' } },
        { stream: refused, events: [event(2)], options: { expectedRevision: 'no-stream' } },
      ]);
      expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, false]);
      await client.query('SELECT 1');
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    expect((await db.store.readStream(kept)).map((e) => e.data)).toEqual([{ n: 1 }]);
    expect(await db.store.readStream(refused)).toHaveLength(1);
  });

  it('lets concurrent calls over the same streams finish without deadlock', async () => {
    const streams = Array.from({ length: 20 }, () => `s-${randomUUID()}`);
    const calls = Array.from({ length: 10 }, (_, k) =>
      db.store.appendMany(
        [...streams].sort(() => (k % 2 ? 1 : -1)).map((stream) => ({ stream, events: [event()] })),
      ),
    );
    const results = (await Promise.all(calls)).flat();
    expect(results.every((outcome) => outcome.ok)).toBe(true);
    for (const stream of streams) expect(await db.store.readStream(stream)).toHaveLength(10);
  });
});
