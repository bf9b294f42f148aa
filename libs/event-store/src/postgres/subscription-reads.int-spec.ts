import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestStore, type TestStore } from '@samenloop/testing';

describe('a subscription with a read interval', () => {
  let db: TestStore;
  let reads = 0;

  beforeAll(async () => {
    db = await createTestStore();
    const query = db.pool.query.bind(db.pool) as (...args: unknown[]) => unknown;
    // The pool itself, counting the subscription's page reads as they reach the database.
    Object.assign(db.pool, {
      query: (...args: unknown[]) => {
        if (typeof args[0] === 'string' && args[0].includes('AS unsettled')) reads += 1;
        return query(...args);
      },
    });
  });
  afterAll(() => db?.drop());

  it('reads a trickle of commits a few times, missing none and repeating none', async () => {
    const ids = Array.from({ length: 12 }, () => randomUUID());
    const received: string[] = [];
    const subscription = (async () => {
      for await (const event of db.store.subscribeToAll({ readIntervalMs: 250 })) {
        received.push(event.id);
        if (received.length === ids.length) return;
      }
    })();
    while (reads === 0) await sleep(10);
    const started = Date.now();
    for (const id of ids) {
      await db.store.append(`client-${randomUUID()}`, [{ id, type: 'test.trickled', data: {} }]);
      await sleep(50);
    }
    await subscription;

    expect(received).toEqual(ids);
    // A read per commit would be twelve; reads 250 ms apart fit this many into the time taken.
    expect(reads).toBeLessThanOrEqual(Math.ceil((Date.now() - started) / 250) + 2);
  });
});
