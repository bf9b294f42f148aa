import { randomUUID } from 'node:crypto';
import type { HubSecrets } from '@samenloop/platform';
import { createTestDatabase, testHubSecrets, type TestDatabase } from '@samenloop/testing';
import { KeyVault, REDACTED } from './key-vault';
import { keyVaultMigrations } from './key-vault.migrations';

describe('KeyVault', () => {
  let db: TestDatabase;
  let vault: KeyVault;
  const secrets: HubSecrets = testHubSecrets();

  beforeAll(async () => {
    db = await createTestDatabase(keyVaultMigrations);
    vault = new KeyVault(db.pool, secrets);
  });
  afterAll(() => db.drop());

  it('decrypts with the client’s own key and stores no clear text', async () => {
    const client = randomUUID();
    const sealed = await vault.encrypt(client, { givenName: 'Fatima', bsn: '111222333' });
    expect(sealed).not.toContain('Fatima');
    expect(await vault.decrypt(client, sealed)).toEqual({ givenName: 'Fatima', bsn: '111222333' });
    const stored = await db.pool.query('SELECT wrapped_key FROM client_keys WHERE client_id = $1', [
      client,
    ]);
    expect(stored.rows).toHaveLength(1);
  });

  it('keeps one key per client across encryptions', async () => {
    const client = randomUUID();
    const first = await vault.encrypt(client, 'a');
    await vault.encrypt(client, 'b');
    expect(await vault.decrypt(client, first)).toBe('a');
  });

  it('answers a redaction marker once the key is destroyed, and refuses to encrypt again', async () => {
    const client = randomUUID();
    const sealed = await vault.encrypt(client, { familyName: 'Jansen' });
    await vault.destroy(client);
    expect(await vault.decrypt(client, sealed)).toEqual(REDACTED);
    await expect(vault.encrypt(client, 'new')).rejects.toThrow(/erased/);
  });

  it('cannot open another client’s ciphertext', async () => {
    const sealed = await vault.encrypt(randomUUID(), 'secret');
    const other = randomUUID();
    await vault.encrypt(other, 'x');
    await expect(vault.decrypt(other, sealed)).rejects.toThrow();
  });

  it('opens many clients’ values with keys read at once, as the vault would one by one', async () => {
    const [kept, erased, never, unread] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    const sealedKept = await vault.encrypt(kept, { givenName: 'Fatima' });
    const sealedErased = await vault.encrypt(erased, 'gone');
    await vault.destroy(erased);
    const sealedUnread = await vault.encrypt(unread, 'x');

    const ring = await vault.keyRing([kept, erased, never, kept]);

    expect(await ring.decrypt(kept, sealedKept)).toEqual({ givenName: 'Fatima' });
    expect(await ring.decrypt(erased, sealedErased)).toEqual(REDACTED);
    expect(await ring.decrypt(never, sealedKept)).toEqual(REDACTED);
    await expect(ring.decrypt(kept, sealedUnread)).rejects.toThrow();
    await expect(ring.decrypt(unread, sealedUnread)).rejects.toThrow(/not read for client/);
  });
});
