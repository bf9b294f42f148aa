import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createTestStore, type TestStore } from '@samenloop/testing';
import { Clock } from '@samenloop/privacy';
import { auditMigrations } from '../audit.migrations';
import { verifyIntegrity } from '../verify/integrity-verifier';
import { sealKeyFrom } from './seal-key';
import { Sealer } from './sealer';

class FixedClock extends Clock {
  constructor(public time: Date) {
    super();
  }
  override now(): Date {
    return this.time;
  }
}

describe('Sealer', () => {
  const key = sealKeyFrom(
    generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  );
  let db: TestStore;

  beforeEach(async () => {
    db = await createTestStore(auditMigrations);
  });
  afterEach(() => db?.drop());

  const append = (count: number) =>
    db.store.append(
      `client-${randomUUID()}`,
      Array.from({ length: count }, (_, n) => ({ id: randomUUID(), type: 'test.e', data: { n } })),
    );

  it('seals every N events, and what is left once it has waited M', async () => {
    const clock = new FixedClock(new Date());
    const sealer = new Sealer(db.pool, db.store, clock, key, { everyEvents: 10, everyMs: 60_000 });
    await append(25);

    const full = await sealer.sealPending();
    expect(full.map((s) => [s.eventCount, s.treeSize])).toEqual([
      [10, 10],
      [10, 20],
    ]);
    expect(await sealer.sealPending()).toEqual([]);

    clock.time = new Date(Date.now() + 61_000);
    const late = await sealer.sealPending();
    expect(late.map((s) => [s.id, s.eventCount, s.treeSize, s.previousSealId])).toEqual([
      [3, 5, 25, 2],
    ]);
    expect(late[0]!.previousRoot).toBe(full[1]!.merkleRoot);
    expect(late[0]!.fromPosition).toBe(full[1]!.toPosition);
  });

  it('never forks the chain when several sealers run at once', async () => {
    const sealers = Array.from(
      { length: 4 },
      () =>
        new Sealer(db.pool, db.store, new FixedClock(new Date()), key, {
          everyEvents: 3,
          everyMs: 1,
        }),
    );
    for (let round = 0; round < 5; round += 1) {
      await append(7);
      await Promise.all(sealers.map((sealer) => sealer.sealPending({ force: true })));
    }

    const { rows } = await db.pool.query(
      'SELECT id, previous_seal_id, tree_size FROM seals ORDER BY id',
    );
    expect(rows.map((row) => Number(row.previous_seal_id ?? 0))).toEqual(
      rows.map((row) => Number(row.id) - 1),
    );
    expect(Number(rows.at(-1).tree_size)).toBe(35);
    expect(
      (await verifyIntegrity(db.pool, { trustedKeys: [key.publicKey] })).broken,
    ).toBeUndefined();
  });

  it('does nothing without a key but say so', async () => {
    const sealer = new Sealer(db.pool, db.store, new FixedClock(new Date()), undefined, {
      everyEvents: 1,
      everyMs: 1,
    });
    expect(sealer.enabled).toBe(false);
    await expect(sealer.sealPending()).rejects.toThrow(/SAMENLOOP_SEAL_KEY/);
  });
});
