import { randomUUID } from 'node:crypto';
import { createTestDatabase, testHubSecrets, type TestDatabase } from '@samenloop/testing';
import { openFreeText, sealFreeText } from './free-text-cipher';
import { KeyVault, REDACTED } from './key-vault';
import { keyVaultMigrations } from './key-vault.migrations';

describe('free text under the client’s key', () => {
  let db: TestDatabase;
  let vault: KeyVault;

  beforeAll(async () => {
    db = await createTestDatabase(keyVaultMigrations);
    vault = new KeyVault(db.pool, testHubSecrets());
  });
  afterAll(() => db.drop());

  const visit = { location: 'home', lifeAreasDiscussed: ['finances'], notes: 'Debts at Bank X' };
  const type = 'nl.samenloop.visit-held.v1';

  it('seals only the free-text fields, and opens them again', async () => {
    const client = randomUUID();
    const sealed = await sealFreeText(vault, client, type, visit);
    expect(sealed).toEqual({ ...visit, notes: { sealed: expect.any(String) } });
    expect(JSON.stringify(sealed)).not.toContain('Bank X');
    expect(await openFreeText(vault, client, type, sealed)).toEqual(visit);
  });

  it('leaves enums and the erasure’s own reason alone', async () => {
    const closed = { reason: 'goal-reached' };
    expect(await sealFreeText(vault, randomUUID(), 'nl.samenloop.case-closed.v1', closed)).toEqual(
      closed,
    );
    const erased = { reason: 'request under AVG article 17' };
    expect(
      await sealFreeText(vault, randomUUID(), 'nl.samenloop.client-erased.v1', erased),
    ).toEqual(erased);
  });

  it('opens to the redaction marker once the key is destroyed, and keeps older clear text', async () => {
    const client = randomUUID();
    const sealed = await sealFreeText(vault, client, type, visit);
    await vault.destroy(client);
    expect(await openFreeText(vault, client, type, sealed)).toEqual({ ...visit, notes: REDACTED });
    expect(await openFreeText(vault, client, type, visit)).toEqual(visit);
    await expect(sealFreeText(vault, client, type, visit)).rejects.toThrow(/erased/);
  });
});
