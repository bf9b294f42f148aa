import { eventStoreMigrations } from '@samenloop/event-store';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { readModelsMigrations } from '../read-models.migrations';
import { openReadModelsDataSource } from './read-models-data-source';

describe('the read models’ schema', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase([...eventStoreMigrations, ...readModelsMigrations]);
  });
  afterAll(() => db?.drop());

  it('is what the TypeORM entities describe: synchronising would change nothing', async () => {
    const dataSource = await openReadModelsDataSource(db.url);
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map(({ query }) => query)).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
  });
});
