import { randomUUID } from 'node:crypto';
import { createTestDatabase, testHubSecrets, type TestDatabase } from '@samenloop/testing';
import { ClientReferenceRegistry } from './client-reference-registry';
import { clientReferencesMigrations } from './client-references.migrations';

describe('ClientReferenceRegistry', () => {
  let db: TestDatabase;
  let references: ClientReferenceRegistry;

  beforeAll(async () => {
    db = await createTestDatabase(clientReferencesMigrations);
    references = new ClientReferenceRegistry(db.pool, testHubSecrets());
  });
  afterAll(() => db.drop());

  it('resolves a partner’s own reference and shows it back to that partner only', async () => {
    const client = randomUUID();
    await references.bind('gemeente', 'GM-001', client);
    expect(await references.resolve('gemeente', 'GM-001')).toBe(client);
    expect(await references.resolve('ggz', 'GM-001')).toBeUndefined();
    expect(await references.referenceFor('gemeente', client)).toBe('GM-001');
  });

  it('gives other partners a stable pseudonym that resolves and differs per partner', async () => {
    const client = randomUUID();
    const forGgz = await references.referenceFor('ggz', client);
    expect(forGgz).toMatch(/^psn-[0-9a-f]{32}$/);
    expect(await references.referenceFor('ggz', client)).toBe(forGgz);
    expect(await references.referenceFor('huisarts', client)).not.toBe(forGgz);
    expect(await references.resolve('ggz', forGgz)).toBe(client);
  });

  it('prefers a linked own reference over the pseudonym', async () => {
    const client = randomUUID();
    await references.referenceFor('wijkteam', client);
    await references.bind('wijkteam', 'WT-77', client);
    expect(await references.referenceFor('wijkteam', client)).toBe('WT-77');
  });

  it('looks up many at once as one by one: own references, pseudonyms, each pair once', async () => {
    const [a, b] = [randomUUID(), randomUUID()];
    await references.bind('gemeente', 'GM-101', a);
    await references.bind('gemeente', 'GM-102', a);
    const wanted = [
      { partnerId: 'gemeente', clientId: a },
      { partnerId: 'ggz', clientId: a },
      { partnerId: 'ggz', clientId: b },
      { partnerId: 'ggz', clientId: a },
    ];

    const referenceOf = await references.referencesFor(wanted);

    for (const { partnerId, clientId } of wanted) {
      expect(referenceOf(partnerId, clientId)).toBe(
        await references.referenceFor(partnerId, clientId),
      );
    }
    expect(referenceOf('gemeente', a)).toBe('GM-102');
    expect(await references.resolve('ggz', referenceOf('ggz', b))).toBe(b);
    expect(() => referenceOf('gemeente', b)).toThrow(/no reference asked/);
  });

  it('refuses to bind a reference that already names another client', async () => {
    await references.bind('gemeente', 'GM-002', randomUUID());
    await expect(references.bind('gemeente', 'GM-002', randomUUID())).rejects.toThrow(
      /already names another client/,
    );
  });
});
