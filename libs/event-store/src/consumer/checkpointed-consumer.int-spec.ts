import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { poolSessions } from '@samenloop/platform';
import { createTestStore, type TestStore } from '@samenloop/testing';
import { CheckpointedConsumer, type BatchHandler } from './checkpointed-consumer';

describe('CheckpointedConsumer', () => {
  let db: TestStore;

  beforeAll(async () => {
    db = await createTestStore();
    await db.pool.query(
      'CREATE TABLE seen (consumer text, position bigint, PRIMARY KEY (consumer, position))',
    );
  });
  afterAll(() => db?.drop());

  const append = async (count: number) => {
    const stream = `client-${randomUUID()}`;
    const events = Array.from({ length: count }, (_, n) => ({
      id: randomUUID(),
      type: 'test.counted',
      data: { n },
    }));
    await db.store.append(stream, events);
  };
  // The primary key makes a repeated delivery fail the test's batch instead of going unnoticed.
  const recorder =
    (name: string): BatchHandler =>
    async (events, transaction) => {
      for (const event of events) {
        await transaction.query('INSERT INTO seen (consumer, position) VALUES ($1, $2)', [
          name,
          event.position,
        ]);
      }
    };
  const seen = async (name: string) =>
    Number(
      (await db.pool.query('SELECT count(*) FROM seen WHERE consumer = $1', [name])).rows[0].count,
    );
  const total = async () =>
    Number(
      (await db.pool.query("SELECT count(*) FROM events WHERE type = 'test.counted'")).rows[0]
        .count,
    );
  const until = async (check: () => Promise<boolean>, ms = 20_000) => {
    const deadline = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('condition not reached in time');
      await sleep(20);
    }
  };

  it('handles every event exactly once across a stop and a restart', async () => {
    await append(700);
    const name = `restart-${randomUUID()}`;
    const consumer = new CheckpointedConsumer(db.store, poolSessions(db.pool), {
      name,
      handle: recorder(name),
      batchSize: 100,
      types: ['test.counted'],
    });
    consumer.start();
    await until(async () => (await seen(name)) > 0);
    await consumer.stop();
    await append(300);

    const again = new CheckpointedConsumer(db.store, poolSessions(db.pool), {
      name,
      handle: recorder(name),
      batchSize: 100,
      types: ['test.counted'],
    });
    again.start();
    await until(async () => (await seen(name)) === (await total()));
    await again.stop();
    expect(again.status().checkpoint).toBeGreaterThan(0);
  });

  it('rolls a failed batch back, with its checkpoint, and retries it', async () => {
    await append(50);
    const name = `failing-${randomUUID()}`;
    let failuresLeft = 2;
    const flaky: BatchHandler = async (events, transaction) => {
      await recorder(name)(events, transaction);
      if (failuresLeft-- > 0) throw new Error('handler failed');
    };
    const consumer = new CheckpointedConsumer(db.store, poolSessions(db.pool), {
      name,
      handle: flaky,
      types: ['test.counted'],
    });
    consumer.start();
    await until(async () => (await seen(name)) === (await total()));
    await consumer.stop();
    expect(failuresLeft).toBeLessThan(0);
  });

  it('reports its lag while it leads: events not yet handled and their age', async () => {
    const type = `test.lagging-${randomUUID()}`;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let batches = 0;
    const consumer = new CheckpointedConsumer(db.store, poolSessions(db.pool), {
      name: `lag-${randomUUID()}`,
      // The first batch waits, as a stuck worker would.
      handle: async () => {
        batches += 1;
        await held;
      },
      types: [type],
      batchSize: 1,
    });
    const appendTyped = (count: number) =>
      db.store.append(
        `client-${randomUUID()}`,
        Array.from({ length: count }, () => ({ id: randomUUID(), type, data: {} })),
      );
    expect(await consumer.lag()).toBeNull();
    await appendTyped(1);
    consumer.start();
    await until(async () => batches === 1);
    await appendTyped(4);

    const behind = await consumer.lag();
    expect(behind?.events).toBe(5);
    expect(behind?.seconds).toBeGreaterThanOrEqual(0);

    release();
    await until(async () => (await consumer.lag())?.events === 0);
    expect(await consumer.lag()).toEqual({ events: 0, seconds: 0 });
    await consumer.stop();
  });

  it('lets one instance lead; a standby takes over when the leader stops', async () => {
    const name = `leader-${randomUUID()}`;
    const first = new CheckpointedConsumer(db.store, poolSessions(db.pool), {
      name,
      handle: recorder(name),
      types: ['test.counted'],
      standbyRetryMs: 50,
    });
    const second = new CheckpointedConsumer(db.store, poolSessions(db.pool), {
      name,
      handle: recorder(name),
      types: ['test.counted'],
      standbyRetryMs: 50,
    });
    first.start();
    await until(async () => first.status().leader);
    second.start();
    await sleep(200);
    expect(second.status().leader).toBe(false);
    // The leader reports the lag; a standby reports none.
    expect(await first.lag()).not.toBeNull();
    expect(await second.lag()).toBeNull();

    await first.stop();
    await until(async () => second.status().leader);
    await append(20);
    await until(async () => (await seen(name)) === (await total()));
    await second.stop();
  });
});
