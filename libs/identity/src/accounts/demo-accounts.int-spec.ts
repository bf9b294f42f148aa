import type { AppConfig } from '@samenloop/platform';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import type { DataSource } from 'typeorm';
import { openIdentityDataSource } from '../identity-data-source';
import { identityMigrations } from '../identity.migrations';
import { AccountEntity } from './account.entity';
import { AccountsService } from './accounts-service';
import { DemoAccountsSeeder } from './demo-accounts-seeder';

describe('the demo accounts', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let accounts: AccountsService;
  let printed = '';

  const seed = (config: Partial<AppConfig>, demoAccountPassword?: string) =>
    new DemoAccountsSeeder(
      config as AppConfig,
      { demoAccountPassword },
      accounts,
    ).onApplicationBootstrap();

  beforeAll(async () => {
    db = await createTestDatabase([...identityMigrations]);
    dataSource = await openIdentityDataSource(db.url);
    accounts = new AccountsService(dataSource.getRepository(AccountEntity));
    jest.spyOn(process.stdout, 'write').mockImplementation((text) => {
      printed += String(text);
      return true;
    });
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await dataSource?.destroy();
    await db?.drop();
  });

  it('are not made outside demo mode', async () => {
    await seed({ DATABASE_URL: db.url });
    expect(await dataSource.getRepository(AccountEntity).count()).toBe(0);
  });

  it('are made once, a case lead per demo partner, an auditor and an admin, passwords printed once', async () => {
    await Promise.all([
      seed({ DATABASE_URL: db.url, DEMO_PARTNERS: 'on' }),
      seed({ DEMO_PARTNERS: 'on' }),
    ]);
    await seed({ DEMO_PARTNERS: 'on' });

    const usernames = (await dataSource.getRepository(AccountEntity).find())
      .map(({ username }) => username)
      .sort();
    expect(usernames).toEqual([
      'admin',
      'auditor',
      'lead@gemeente-helmond',
      'lead@ggz-oost-brabant',
      'lead@huisartsen-helmond',
      'lead@werkbedrijf-helmond',
      'lead@wijkteam-welzijn',
      'lead@woonbedrijf',
    ]);
    expect(printed.match(/shown this once/g)).toHaveLength(1);
    const password = /lead@gemeente-helmond\s+(\S+)/.exec(printed)![1]!;
    expect(await accounts.verify('lead@gemeente-helmond', password)).toMatchObject({
      role: 'case-lead',
      partnerId: 'gemeente-helmond',
    });
    expect(await accounts.verify('auditor', password)).toBeUndefined();
  });
});
