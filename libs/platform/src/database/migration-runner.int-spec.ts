import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { runMigrations } from './migration-runner';

describe('runMigrations', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(() => db.drop());

  const first = { id: 'test/001-a', sql: 'CREATE TABLE a (id int PRIMARY KEY)' };
  const second = { id: 'test/002-b', sql: 'CREATE TABLE b (id int PRIMARY KEY)' };

  it('applies each migration once, even when several processes migrate at the same time', async () => {
    const results = await Promise.all([1, 2, 3].map(() => runMigrations(db.pool, [first, second])));
    expect(results.flat().sort()).toEqual(['test/001-a', 'test/002-b']);
    expect(await runMigrations(db.pool, [first, second])).toEqual([]);
  });

  it('rolls a failing migration back and names it', async () => {
    const broken = {
      id: 'test/003-broken',
      sql: 'CREATE TABLE c (id int); SELECT no_such_column FROM c',
    };
    await expect(runMigrations(db.pool, [first, second, broken])).rejects.toThrow(
      /migration test\/003-broken failed: column "no_such_column" does not exist/,
    );
    const tables = await db.pool.query(`SELECT to_regclass('c') AS c`);
    expect(tables.rows[0].c).toBeNull();
  });

  it('refuses a list naming one migration twice', async () => {
    await expect(runMigrations(db.pool, [first, first])).rejects.toThrow(/listed twice/);
  });
});
