import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestStore, type TestStore } from '@samenloop/testing';
import type { RecordedEvent } from '../event-store.port';
import { beginHeldAppend } from './held-append.spec-helper';

/**
 * Why the log is read by transaction horizon: positions come from a sequence at insert, so a
 * transaction that commits late makes an event appear behind a reader's checkpoint.
 */
describe('an event committed after a later one', () => {
  let db: TestStore;

  beforeAll(async () => {
    db = await createTestStore();
  });
  afterAll(() => db?.drop());

  const type = `nl.samenloop.late-${randomUUID()}.v1`;
  const event = (name: string) => ({ id: randomUUID(), type, data: { name } });

  /** The reader the horizon exists for: a position checkpoint and `position > checkpoint`. */
  async function naiveRead(checkpoint: number): Promise<{ ids: string[]; checkpoint: number }> {
    const { rows } = await db.pool.query<{ position: string; event_id: string }>(
      'SELECT position, event_id FROM events WHERE position > $1 AND type = $2 ORDER BY position',
      [checkpoint, type],
    );
    return {
      ids: rows.map((row) => row.event_id),
      checkpoint: rows.length ? Number(rows[rows.length - 1].position) : checkpoint,
    };
  }

  it('is skipped by a position reader and delivered once, in log order, by the subscription', async () => {
    const [a, b, c] = [event('A'), event('B'), event('C')];
    const subscription = db.store.subscribeToAll({ types: [type] })[Symbol.asyncIterator]();
    const received: RecordedEvent[] = [];
    const firstDelivery = subscription.next().then((next) => received.push(next.value));

    const writerA = await beginHeldAppend(db.pool, `client-${randomUUID()}`, [a]);
    const writtenB = await db.store.append(`client-${randomUUID()}`, [b]);
    expect(writtenB.positions[0]).toBeGreaterThan(writerA.result.positions[0]);

    const naive = await naiveRead(0);
    expect(naive.ids).toEqual([b.id]);
    // While A is open, B is held back from every horizon reader.
    expect(await db.store.readAll({ types: [type] })).toEqual([]);
    await sleep(200);
    expect(received).toEqual([]);

    await writerA.commit();
    const naiveAfter = await naiveRead(naive.checkpoint);
    expect([...naive.ids, ...naiveAfter.ids]).toEqual([b.id]);

    await firstDelivery;
    await db.store.append(`client-${randomUUID()}`, [c]);
    received.push(...[(await subscription.next()).value, (await subscription.next()).value]);
    await subscription.return?.(undefined);
    const ids = received.map((e: RecordedEvent) => e.id);
    expect(ids).toEqual([a.id, b.id, c.id]);
    expect((await db.store.readAll({ types: [type] })).map((e) => e.id)).toEqual(ids);
  });
});
