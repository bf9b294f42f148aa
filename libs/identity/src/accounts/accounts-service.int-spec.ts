import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import type { DataSource, Repository } from 'typeorm';
import { openIdentityDataSource } from '../identity-data-source';
import { identityMigrations } from '../identity.migrations';
import { AccountEntity } from './account.entity';
import { AccountsService } from './accounts-service';

describe('the dashboard accounts', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let rows: Repository<AccountEntity>;
  let accounts: AccountsService;
  // `correct horse` at N=2^15, the cost hashes were made at before.
  const OLDER_HASH =
    'scrypt$32768$8$1$KHmlFTpr7eWiGvNt7JgI-g$oRgUrwEX-NX6br-fF2yMYc6pDrT8axldSfn23Yo2CD4';

  beforeAll(async () => {
    db = await createTestDatabase([...identityMigrations]);
    dataSource = await openIdentityDataSource(db.url);
    rows = dataSource.getRepository(AccountEntity);
    accounts = new AccountsService(rows);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('hash a password of an older cost again at today’s when it signs in', async () => {
    await rows.insert({
      username: 'auditor',
      displayName: 'Auditor',
      role: 'auditor',
      partnerId: null,
      passwordHash: OLDER_HASH,
      createdAt: new Date(),
    });

    expect(await accounts.verify('auditor', 'wrong horse')).toBeUndefined();
    expect((await rows.findOneByOrFail({ username: 'auditor' })).passwordHash).toBe(OLDER_HASH);

    expect(await accounts.verify('Auditor', 'correct horse')).toMatchObject({ role: 'auditor' });
    const rehashed = (await rows.findOneByOrFail({ username: 'auditor' })).passwordHash;
    expect(rehashed).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await accounts.verify('auditor', 'correct horse')).toMatchObject({ role: 'auditor' });
  });

  it('answer nothing for an account that does not exist', async () => {
    expect(await accounts.verify('nobody', 'correct horse')).toBeUndefined();
  });
});
