import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createTestStore, type TestStore } from '@samenloop/testing';
import { AccessLog, SystemClock } from '@samenloop/privacy';
import { auditMigrations } from '../audit.migrations';
import { Sealer } from '../integrity/sealer';
import { sealKeyFrom } from '../integrity/seal-key';
import { describeBreak } from './integrity-break';
import { describeIntact, verifyIntegrity } from './integrity-verifier';

const pem = () =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

describe('verifyIntegrity', () => {
  const key = sealKeyFrom(pem());
  let db: TestStore;

  /** A fresh database with three streams, two seals and some access-log entries. */
  beforeEach(async () => {
    db = await createTestStore(auditMigrations);
    const log = new AccessLog(db.pool, new SystemClock());
    const sealer = new Sealer(db.pool, db.store, new SystemClock(), key, {
      everyEvents: 5,
      everyMs: 60_000,
    });
    for (const name of ['a', 'b', 'c']) {
      const events = Array.from({ length: 4 }, (_, n) => ({
        id: randomUUID(),
        type: 'test.happened',
        data: { name, n, text: 'één "quoted" line' },
        metadata: { by: 'test' },
      }));
      await db.store.append(`client-${name}-${randomUUID()}`, events);
      await log.record({
        action: 'timeline.view',
        clientId: randomUUID(),
        user: `emp-${name}`,
        accessPoint: 'test',
        authorisation: { basis: 'role', reference: 'case-lead' },
      });
    }
    expect((await sealer.sealPending()).map((seal) => seal.treeSize)).toEqual([5, 10]);
    // The tests tamper as an attacker with the database owner's rights would: past the trigger.
    await db.pool.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
  });
  afterEach(() => db?.drop());

  const verify = () => verifyIntegrity(db.pool, { trustedKeys: [key.publicKey] });
  const one = async <T>(sql: string): Promise<T> => (await db.pool.query(sql)).rows[0] as T;

  it('finds everything intact and says so in one line', async () => {
    const progress: number[] = [];
    const report = await verifyIntegrity(db.pool, {
      trustedKeys: [key.publicKey],
      onProgress: ({ done }) => progress.push(done),
    });

    expect(report.broken).toBeUndefined();
    expect(describeIntact(report)).toBe(
      'intact: 12 events in 3 streams, 2 seals (signed with a trusted key), 3 access-log entries',
    );
    expect(progress.at(-1)).toBe(12 + 10 + 3);
  });

  it('names the event whose stored data lost one byte’s worth of truth', async () => {
    const target = await one<{ stream_id: string; revision: string; position: string }>(
      'SELECT stream_id, revision, position FROM events ORDER BY position LIMIT 1 OFFSET 5',
    );
    await db.pool.query(
      `UPDATE events SET data = replace(data::text, '"n":1', '"n":7')::json WHERE position = $1`,
      [target.position],
    );

    const { broken } = await verify();

    expect(broken).toEqual({
      kind: 'event',
      stream: target.stream_id,
      revision: Number(target.revision),
      position: Number(target.position),
      reason: 'its stored hash does not match its content',
    });
    expect(describeBreak(broken!)).toBe(
      `stream ${target.stream_id}, revision 1, position ${target.position}: its stored hash does not match its content`,
    );
  });

  it('notices a change of spacing alone', async () => {
    await db.pool.query(
      `UPDATE events SET data = replace(data::text, ',', ', ')::json WHERE position = 2`,
    );
    expect((await verify()).broken).toMatchObject({ position: 2, reason: /JSON text/ });
  });

  it('names a removed event by the gap it leaves', async () => {
    await db.pool.query('DELETE FROM events WHERE position = 3');
    expect((await verify()).broken).toMatchObject({
      kind: 'event',
      position: 4,
      reason: 'revision 2 is missing before it',
    });
  });

  it('catches a stream rewritten from its tampered event on, through the seal', async () => {
    // A careful forger recomputes the hashes of the event and everything after it in its stream.
    const target = await one<{ stream_id: string }>(
      'SELECT stream_id FROM events WHERE position = 1',
    );
    await db.pool.query(
      `UPDATE events SET data = replace(data::text, '"n":0', '"n":9')::json WHERE position = 1`,
    );
    await db.pool.query(`
      DO $$
      DECLARE r record; prev text := NULL;
      BEGIN
        FOR r IN SELECT * FROM events WHERE stream_id = '${target.stream_id}' ORDER BY revision LOOP
          UPDATE events SET previous_hash = prev,
            hash = samenloop_event_hash(prev, stream_id, revision, event_id, type, data::text,
              metadata::text, recorded_at)
          WHERE position = r.position RETURNING hash INTO prev;
        END LOOP;
        UPDATE streams SET last_hash = prev WHERE stream_id = '${target.stream_id}';
      END $$;`);

    expect((await verify()).broken).toEqual({
      kind: 'seal',
      sealId: 1,
      reason: 'the events it covers no longer give its Merkle root',
    });
  });

  it('names a seal whose root was changed', async () => {
    await db.pool.query('ALTER TABLE seals DISABLE TRIGGER seals_append_only');
    await db.pool.query(`UPDATE seals SET merkle_root = repeat('0', 64) WHERE id = 2`);

    expect((await verify()).broken).toEqual({
      kind: 'seal',
      sealId: 2,
      reason: 'its signature does not verify',
    });
  });

  it('refuses seals signed by a key it was not told to trust', async () => {
    const other = sealKeyFrom(pem());
    const report = await verifyIntegrity(db.pool, { trustedKeys: [other.publicKey] });
    expect(report.broken).toMatchObject({ kind: 'seal', sealId: 1, reason: /not a trusted key/ });
    expect((await verifyIntegrity(db.pool)).broken).toBeUndefined();
  });

  it('names an access-log entry that was changed', async () => {
    await db.pool.query('ALTER TABLE access_log DISABLE TRIGGER access_log_append_only');
    await db.pool.query(`UPDATE access_log SET user_id = 'emp-x' WHERE seq = 2`);

    const { broken } = await verify();

    expect(broken).toMatchObject({
      kind: 'access-log',
      seq: 2,
      reason: 'its stored hash does not match its content',
    });
    expect(describeBreak(broken!)).toMatch(
      /^access-log entry 2 \([0-9a-f-]{36}\): its stored hash/,
    );
  });

  it('notices the last access-log entry removed', async () => {
    await db.pool.query('ALTER TABLE access_log DISABLE TRIGGER access_log_append_only');
    await db.pool.query('DELETE FROM access_log WHERE seq = 3');

    expect((await verify()).broken).toEqual({
      kind: 'access-log',
      seq: 3,
      reason: 'the head names entry 3, but the last stored entry is 2',
    });
  });

  it('notices an access log emptied and its head reset', async () => {
    await db.pool.query('ALTER TABLE access_log DISABLE TRIGGER USER');
    await db.pool.query('ALTER TABLE access_log_head DISABLE TRIGGER USER');
    await db.pool.query('DELETE FROM access_log');
    await db.pool.query('UPDATE access_log_head SET seq = 0, last_hash = NULL');

    expect((await verify()).broken).toMatchObject({
      kind: 'access-log',
      reason: /seal \d recorded it, but it is gone/,
    });
  });
});
