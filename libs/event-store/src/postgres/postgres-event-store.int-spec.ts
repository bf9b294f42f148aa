import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createTestDatabase, createTestStore, type TestDatabase } from '@samenloop/testing';
import { register } from 'prom-client';
import { eventStoreContract } from '../contract/event-store.contract';
import { computeEventHash, toJsonText } from '../event-hash';
import { eventStoreMigrations } from '../event-store.migrations';
import { appendHoldingTransaction } from './held-append.spec-helper';
import { PostgresEventStore } from './postgres-event-store';

eventStoreContract('PostgresEventStore', async () => {
  const db = await createTestStore();
  return {
    store: db.store,
    appendHoldingTransaction: (stream, events, holdMs) =>
      appendHoldingTransaction(db.pool, stream, events, holdMs),
    teardown: db.drop,
  };
});

describe('PostgresEventStore', () => {
  let db: TestDatabase;
  const stores: PostgresEventStore[] = [];
  // Subscribers here hear of other stores' commits only through LISTEN/NOTIFY.
  const newStore = (log?: (line: string) => void) => {
    const store = new PostgresEventStore(db.pool, { idleRecheckMs: 600_000, log });
    stores.push(store);
    return store;
  };
  const event = (type: string) => ({ id: randomUUID(), type, data: { at: randomUUID() } });

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close()));
    await db.drop();
  });

  const listeningBackends = async () =>
    (
      await db.pool.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity
         WHERE datname = current_database() AND query = 'LISTEN samenloop_events'`,
      )
    ).rows.map((row) => row.pid);
  const eventually = async (check: () => Promise<boolean>) => {
    while (!(await check())) await sleep(20);
  };

  it('counts the events it writes in the appended-events metric, idempotent repeats not', async () => {
    const appended = async () =>
      (await register.getSingleMetric('samenloop_events_appended_total')!.get()).values[0]!.value;
    const store = newStore();
    const events = [event('test.counted'), event('test.counted')];
    const before = await appended();

    await store.append(`client-${randomUUID()}`, events);
    await store.appendMany([
      { stream: `client-${randomUUID()}`, events: [event('test.counted')] },
      { stream: `client-${randomUUID()}`, events: [event('test.counted')] },
    ]);
    const stream = `client-${randomUUID()}`;
    const once = [event('test.counted')];
    await store.append(stream, once);
    await store.append(stream, once);

    expect((await appended()) - before).toBe(5);
  });

  it('stores the exact JSON text it hashed; SQL and computeEventHash agree', async () => {
    const store = newStore();
    const stream = `client-${randomUUID()}`;
    const tricky = [
      { b: 1, a: 'é', 10: 'x', 2: [1.5, -0, 1e21, 5e-324, null, true] },
      'line\nbreak "quoted" \\ \u0000 \ud800 😀 \u2028 日本',
      42,
      null,
    ];
    const events = tricky.map((data, n) => ({
      id: randomUUID().toUpperCase(),
      type: `nl.samenloop.tricky-${n}.v1`,
      data,
      metadata: n % 2 ? { note: 'ü', nested: { deep: [] } } : undefined,
    }));
    await store.append(stream, events);

    const { rows } = await db.pool.query<{ data: string; hash: string; recomputed: string }>(
      `SELECT data::text AS data, hash,
              samenloop_event_hash(previous_hash, stream_id, revision, event_id, type,
                                   data::text, metadata::text, recorded_at) AS recomputed
       FROM events WHERE stream_id = $1 ORDER BY revision`,
      [stream],
    );
    const stored = await store.readStream(stream);
    expect(rows.map((row) => row.data)).toEqual(tricky.map(toJsonText));
    expect(rows.map((row) => row.recomputed)).toEqual(rows.map((row) => row.hash));
    expect(stored.map(computeEventHash)).toEqual(rows.map((row) => row.hash));
    expect(stored.map((e) => e.id)).toEqual(events.map((e) => e.id.toLowerCase()));
    expect(computeEventHash({ ...stored[2], data: 43 })).not.toBe(stored[2].hash);
  });

  it('refuses newlines in stream ids and types, which would make the hash input ambiguous', async () => {
    const store = newStore();
    await expect(store.append('client-a\nb', [event('t')])).rejects.toThrow(/without newlines/);
    await expect(store.append('client-ab', [event('t\n')])).rejects.toThrow(/without newlines/);
  });

  it('subscriptions of a store share one LISTEN connection, woken by other stores’ commits', async () => {
    const type = `nl.samenloop.listen-${randomUUID()}.v1`;
    const subscriber = newStore();
    const writer = newStore();
    const subscriptions = [1, 2, 3].map(() =>
      subscriber.subscribeToAll({ types: [type] })[Symbol.asyncIterator](),
    );
    const first = Promise.all(subscriptions.map((subscription) => subscription.next()));
    await eventually(async () => (await listeningBackends()).length === 1);

    const appended = event(type);
    await writer.append(`client-${randomUUID()}`, [appended]);
    for (const next of await first) expect(next.value).toMatchObject({ id: appended.id });
    expect(await listeningBackends()).toHaveLength(1);

    const pending = subscriptions.map((subscription) => subscription.next());
    await subscriber.close();
    for (const next of await Promise.all(pending)) expect(next.done).toBe(true);
    await eventually(async () => (await listeningBackends()).length === 0);
  });

  it('reconnects its listener when the connection drops', async () => {
    const type = `nl.samenloop.reconnect-${randomUUID()}.v1`;
    const logged: string[] = [];
    const subscriber = newStore((line) => logged.push(line));
    const writer = newStore();
    const subscription = subscriber.subscribeToAll({ types: [type] })[Symbol.asyncIterator]();
    const first = subscription.next();
    await eventually(async () => (await listeningBackends()).length === 1);
    const [dropped] = await listeningBackends();

    await db.pool.query('SELECT pg_terminate_backend($1)', [dropped]);
    await eventually(async () => {
      const pids = await listeningBackends();
      return pids.length === 1 && pids[0] !== dropped;
    });
    const appended = event(type);
    await writer.append(`client-${randomUUID()}`, [appended]);

    expect((await first).value).toMatchObject({ id: appended.id });
    expect(logged).toContainEqual(expect.stringMatching(/listener lost/));
    await subscription.return?.(undefined);
  });
  it('refuses to change, delete or truncate a stored event', async () => {
    const stream = `client-${randomUUID()}`;
    await newStore().append(stream, [event('test.kept')]);
    const stored = { text: `UPDATE events SET data = '{}' WHERE stream_id = $1`, values: [stream] };
    await expect(db.pool.query(stored)).rejects.toThrow('events is append-only: UPDATE is refused');
    await expect(
      db.pool.query('DELETE FROM events WHERE stream_id = $1', [stream]),
    ).rejects.toThrow(/append-only: DELETE/);
    await expect(db.pool.query('TRUNCATE events CASCADE')).rejects.toThrow(/append-only: TRUNCATE/);
    const { rows } = await db.pool.query('SELECT type FROM events WHERE stream_id = $1', [stream]);
    expect(rows).toEqual([{ type: 'test.kept' }]);
  });
});
