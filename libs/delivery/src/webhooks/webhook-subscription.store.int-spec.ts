import { randomUUID } from 'node:crypto';
import { sharingMigrations } from '@samenloop/sharing';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { deliveryMigrations } from '../delivery.migrations';
import { WebhookSubscriptionStore } from './webhook-subscription.store';

describe('webhook subscriptions in PostgreSQL', () => {
  let db: TestDatabase;
  let store: WebhookSubscriptionStore;

  beforeAll(async () => {
    db = await createTestDatabase([...sharingMigrations, ...deliveryMigrations]);
    store = new WebhookSubscriptionStore(db.pool);
  });

  afterAll(() => db?.drop());

  const subscription = (partnerId: string) => ({
    id: randomUUID(),
    partnerId,
    url: 'https://partner.example.nl/hooks',
    types: null,
    categories: null,
    sealedSecret: 'sealed',
    afterSeq: 0,
  });

  async function addPartner(id: string): Promise<void> {
    await db.pool.query(
      `INSERT INTO partners (id, kind, name, token_hash, token_issued_at, created_at)
       VALUES ($1, 'gp', $1, $2, now(), now())`,
      [id, randomUUID()],
    );
  }

  it('holds at most `max` per partner, however many requests race', async () => {
    const created = await Promise.all(
      Array.from({ length: 12 }, () => store.create(subscription('racer'), 3)),
    );

    expect(created.filter(Boolean)).toHaveLength(3);
    expect(await store.list('racer')).toHaveLength(3);
    expect(await store.create(subscription('another'), 3)).toBeDefined();
  });

  it("deletes a partner's subscriptions when it is revoked, and only its own", async () => {
    await addPartner('revoked-one');
    await addPartner('kept-one');
    await store.create(subscription('revoked-one'), 5);
    await store.create(subscription('kept-one'), 5);

    await db.pool.query('UPDATE partners SET revoked_at = now() WHERE id = $1', ['revoked-one']);

    expect(await store.list('revoked-one')).toEqual([]);
    expect(await store.list('kept-one')).toHaveLength(1);
  });
});
