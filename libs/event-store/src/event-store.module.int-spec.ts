import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { createTestDatabase, testPlatformModule, type TestDatabase } from '@samenloop/testing';
import { eventStoreMigrations } from './event-store.migrations';
import { EventStoreModule } from './event-store.module';
import { EventStore } from './event-store.port';
import { KurrentDbEventStore } from './kurrentdb/kurrentdb-event-store';
import { PostgresEventStore } from './postgres/postgres-event-store';

describe('EventStoreModule', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
  });
  afterAll(() => db.drop());

  it('provides the PostgreSQL store by default and closes it when the app shuts down', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [testPlatformModule({ pool: db.pool }), EventStoreModule.forRoot()],
    }).compile();
    const app = await moduleRef.init();
    const store = app.get(EventStore);
    expect(store).toBeInstanceOf(PostgresEventStore);

    const type = `nl.samenloop.module-${randomUUID()}.v1`;
    await store.append(`client-${randomUUID()}`, [{ id: randomUUID(), type, data: {} }]);
    const subscription = store.subscribeToAll({ types: [type] })[Symbol.asyncIterator]();
    expect((await subscription.next()).done).toBe(false);
    const waiting = subscription.next();

    await app.close();
    expect((await waiting).done).toBe(true);
    expect(db.pool.ended).toBe(false);
  });

  it('provides the KurrentDB store when EVENT_STORE=kurrentdb (the client connects lazily)', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        testPlatformModule({
          pool: db.pool,
          config: { EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://127.0.0.1:1?tls=false' },
        }),
        EventStoreModule.forRoot(),
      ],
    }).compile();
    expect(moduleRef.get(EventStore)).toBeInstanceOf(KurrentDbEventStore);
    await moduleRef.close();
  });
});
