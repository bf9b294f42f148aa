import { randomUUID } from 'node:crypto';
import { sharingMigrations } from '@samenloop/sharing';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { deliveryMigrations } from '../delivery.migrations';
import { webhookMigrations } from './webhook.migrations';
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

  it('rewrites the detailed errors stored before into the generic ones', async () => {
    const stored = [
      'the endpoint answered HTTP 302',
      'the endpoint answered HTTP 503',
      'could not reach the endpoint: ECONNREFUSED',
      'no answer within 10 s',
    ];
    const ids: string[] = [];
    for (const error of stored) {
      const created = await store.create(subscription(`before-${ids.length}`), 1);
      await db.pool.query('UPDATE webhook_subscriptions SET last_error = $2 WHERE id = $1', [
        created!.id,
        error,
      ]);
      ids.push(created!.id);
    }

    const migration = webhookMigrations.find(
      ({ id }) => id === 'delivery/006-generic-webhook-errors',
    );
    await db.pool.query(migration!.sql);

    const { rows } = await db.pool.query<{ id: string; last_error: string }>(
      'SELECT id, last_error FROM webhook_subscriptions WHERE id = ANY($1::uuid[])',
      [ids],
    );
    const errors = ids.map((id) => rows.find((row) => row.id === id)!.last_error);
    expect(errors).toEqual([
      'the endpoint answered 3xx',
      'the endpoint answered 5xx',
      'endpoint unreachable',
      'no answer within 10 s',
    ]);
  });
});
