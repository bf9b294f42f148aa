import { PartnerRegistry, sharingMigrations } from '@samenloop/sharing';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { PartnerDirectory } from './partner-directory';

describe('PartnerDirectory', () => {
  let db: TestDatabase;
  let registry: PartnerRegistry;
  let directory: PartnerDirectory;
  let statements: number;

  beforeAll(async () => {
    db = await createTestDatabase(sharingMigrations);
    registry = new PartnerRegistry(db.pool);
    directory = new PartnerDirectory(registry);
    await registry.add({ id: 'ggz-oost', kind: 'mental-health', name: 'GGZ Oost' });
  });
  afterAll(() => db.drop());

  beforeEach(() => {
    statements = 0;
    const query = db.pool.query.bind(db.pool);
    jest.spyOn(db.pool, 'query').mockImplementation(((...args: Parameters<typeof query>) => {
      statements++;
      return query(...args);
    }) as typeof db.pool.query);
  });
  afterEach(() => jest.restoreAllMocks());

  it('serves concurrent and following pages from one read of the partners', async () => {
    const pages = await Promise.all([directory.load(), directory.load(), directory.load()]);
    expect(pages.map((names) => names.name('ggz-oost'))).toEqual(Array(3).fill('GGZ Oost'));
    expect((await directory.load()).kindOf('ggz-oost')).toBe('mental-health');
    expect(statements).toBe(1);
  });

  it('shows a partner added or revoked through this process at once', async () => {
    await directory.load();
    await registry.add({ id: 'woonstad', kind: 'housing-corporation', name: 'Woonstad' });
    expect((await directory.load()).name('woonstad')).toBe('Woonstad');
    await registry.revoke('woonstad');
    expect((await directory.load()).kindOf('woonstad')).toBeUndefined();
  });

  it('shows a partner added through another process once its read is a second old', async () => {
    const start = Date.now();
    const clock = jest.spyOn(Date, 'now').mockReturnValue(start);
    const before = await directory.load();
    await new PartnerRegistry(db.pool).add({ id: 'huisarts-west', kind: 'gp', name: 'HA West' });
    expect((await directory.load()).name('huisarts-west')).toBe(before.name('huisarts-west'));
    clock.mockReturnValue(start + 1_000);
    expect((await directory.load()).name('huisarts-west')).toBe('HA West');
  });

  it('reads again after a failed read', async () => {
    await registry.add({ id: 'welzijn-noord', kind: 'welfare', name: 'Welzijn Noord' });
    jest.spyOn(db.pool, 'query').mockRejectedValueOnce(new Error('connection lost') as never);
    await expect(directory.load()).rejects.toThrow('connection lost');
    expect((await directory.load()).name('welzijn-noord')).toBe('Welzijn Noord');
  });
});
