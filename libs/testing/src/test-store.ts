import {
  eventStoreMigrations,
  PostgresEventStore,
  type PostgresEventStoreOptions,
} from '@samenloop/event-store';
import type { Migration } from '@samenloop/platform';
import { createTestDatabase, type TestDatabase } from './test-database';

/** A test database with a PostgreSQL event store on it. */
export interface TestStore extends TestDatabase {
  store: PostgresEventStore;
}

/**
 * A fresh test database with the event store's migrations and then `migrations`, and a store on
 * its pool; `drop` closes the store before it drops the database.
 */
export async function createTestStore(
  migrations: readonly Migration[] = [],
  options: PostgresEventStoreOptions = {},
): Promise<TestStore> {
  const db = await createTestDatabase([...eventStoreMigrations, ...migrations]);
  const store = new PostgresEventStore(db.pool, options);
  return {
    ...db,
    store,
    drop: async () => {
      await store.close();
      await db.drop();
    },
  };
}
