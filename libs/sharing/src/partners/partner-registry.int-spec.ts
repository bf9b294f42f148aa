import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { partnersMigrations } from './partners.migrations';
import { PartnerRegistry } from './partner-registry';

describe('PartnerRegistry', () => {
  let db: TestDatabase;
  let registry: PartnerRegistry;

  beforeAll(async () => {
    db = await createTestDatabase(partnersMigrations);
    registry = new PartnerRegistry(db.pool);
  });
  afterAll(() => db.drop());

  it('issues a token that authenticates the partner and stores only its hash', async () => {
    const { partner, token } = await registry.add({
      id: 'ggz-oost',
      kind: 'mental-health',
      name: 'GGZ Oost',
    });
    expect(partner).toMatchObject({ id: 'ggz-oost', kind: 'mental-health', name: 'GGZ Oost' });
    expect(await registry.authenticate(token)).toMatchObject({ id: 'ggz-oost' });
    const stored = await db.pool.query('SELECT * FROM partners WHERE id = $1', ['ggz-oost']);
    expect(JSON.stringify(stored.rows)).not.toContain(token);
  });

  it('refuses a second partner with the same id, and bad ids, kinds and names', async () => {
    await registry.add({ id: 'woonstad', kind: 'housing-corporation', name: 'Woonstad' });
    await expect(registry.add({ id: 'woonstad', kind: 'welfare', name: 'x' })).rejects.toThrow(
      /already exists/,
    );
    await expect(registry.add({ id: 'Bad Id', kind: 'gp', name: 'x' })).rejects.toThrow(/id must/);
    await expect(registry.add({ id: 'ok', kind: 'bank', name: 'x' })).rejects.toThrow(/kind must/);
    await expect(registry.add({ id: 'ok', kind: 'gp', name: '  ' })).rejects.toThrow(/name must/);
  });

  it('refuses the ids reserved for the hub', async () => {
    for (const id of ['admin', 'hub', 'samenloop', 'system', 'root']) {
      await expect(registry.add({ id, kind: 'mental-health', name: 'GGZ' })).rejects.toThrow(
        `id ${id} is reserved`,
      );
    }
    expect((await registry.list()).map(({ id }) => id)).not.toContain('admin');
  });

  it('rotates: the new token works and the old one stops working', async () => {
    const { token: old } = await registry.add({
      id: 'werkbedrijf',
      kind: 'work-company',
      name: 'WB',
    });
    const fresh = await registry.rotate('werkbedrijf');
    expect(await registry.authenticate(old)).toBeUndefined();
    expect(await registry.authenticate(fresh)).toMatchObject({ id: 'werkbedrijf' });
  });

  it('revokes: the token stops working, the partner leaves the list and cannot be rotated', async () => {
    const { token } = await registry.add({ id: 'huisarts-west', kind: 'gp', name: 'HA West' });
    await registry.revoke('huisarts-west');
    expect(await registry.authenticate(token)).toBeUndefined();
    expect((await registry.list()).map((p) => p.id)).not.toContain('huisarts-west');
    await expect(registry.rotate('huisarts-west')).rejects.toThrow(/no active partner/);
    await expect(registry.revoke('huisarts-west')).rejects.toThrow(/no active partner/);
  });

  it('rejects unknown tokens', async () => {
    expect(await registry.authenticate('slp_not-a-token')).toBeUndefined();
  });
});
