import { randomUUID } from 'node:crypto';
import { eventStoreMigrations } from '@samenloop/event-store';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { Pool } from 'pg';
import { AccessLog, SystemClock, accessEntryHash } from '@samenloop/privacy';
import type { AccessLogEntry } from '@samenloop/privacy';
import { auditMigrations } from '../audit.migrations';
import { describeBreak } from './integrity-break';
import { verifyIntegrity } from './integrity-verifier';

// `audit verify` on an access log written as a busy hub writes it: in batches, by two processes.
describe('verifying an access log written in batches', () => {
  let db: TestDatabase;
  let entries: number;

  beforeEach(async () => {
    db = await createTestDatabase([...eventStoreMigrations, ...auditMigrations]);
    const pools = [0, 1].map(() => new Pool({ connectionString: db.url, max: 4 }));
    try {
      const [one, other] = pools.map((pool) => new AccessLog(pool, new SystemClock()));
      const view = (n: number): AccessLogEntry => ({
        action: 'caseload.view',
        clientId: randomUUID(),
        user: `emp-${n}`,
        accessPoint: 'GET /v1/dashboard/caseload',
        authorisation: { basis: 'agreement', reference: 'ggz-oost', version: '3' },
      });
      for (let round = 0; round < 4; round += 1) {
        await Promise.all(
          [one!, other!].flatMap((log) =>
            [1, 2, 3, 1, 2].map((size) =>
              log.recordAll(Array.from({ length: size }, (_, n) => view(n))),
            ),
          ),
        );
      }
    } finally {
      await Promise.all(pools.map((pool) => pool.end()));
    }
    entries = 4 * 2 * 9;
    // The tests tamper as an insider with the database owner's rights would: past the triggers.
    await db.pool.query('ALTER TABLE access_log DISABLE TRIGGER USER');
  });
  afterEach(() => db.drop());

  const verify = () => verifyIntegrity(db.pool);

  /** The break `audit verify` reports at one access-log entry. */
  const entryBreak = (seq: number, entryId: string, reason: string) => ({
    kind: 'access-log',
    seq,
    entryId,
    reason,
  });

  async function stored(seq: number) {
    const { rows } = await db.pool.query<{ entry_id: string; hash: string }>(
      'SELECT entry_id, hash FROM access_log WHERE seq = $1',
      [seq],
    );
    return rows[0]!;
  }

  /** An entry made up by the insider, with its hash computed as the log computes it. */
  async function forge(seq: number, previousHash: string): Promise<string> {
    const entry = {
      previousHash,
      seq,
      id: randomUUID(),
      occurredAt: new Date('2026-11-30T10:00:00.000Z'),
      action: 'caseload.view',
      clientId: randomUUID(),
      user: 'emp-alibi',
      onBehalfOf: null,
      partnerId: null,
      accessPoint: 'GET /v1/dashboard/caseload',
      origin: null,
      authorisationJson: '{"basis":"role","reference":"case-lead"}',
      emergency: false,
      detailJson: null,
    };
    await db.pool.query(
      `INSERT INTO access_log (seq, entry_id, occurred_at, action, client_id, user_id,
         access_point, authorisation, emergency, hash, previous_hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::json, $9, $10, $11)`,
      [
        entry.seq,
        entry.id,
        entry.occurredAt,
        entry.action,
        entry.clientId,
        entry.user,
        entry.accessPoint,
        entry.authorisationJson,
        entry.emergency,
        accessEntryHash(entry),
        entry.previousHash,
      ],
    );
    return entry.id;
  }

  it('finds the chain intact across batches and processes', async () => {
    const report = await verify();

    expect(report.broken).toBeUndefined();
    expect(report.accessLogEntries).toBe(entries);
  });

  it('names an entry that was changed', async () => {
    const target = await stored(30);
    await db.pool.query(`UPDATE access_log SET user_id = 'emp-x' WHERE seq = 30`);

    const { broken } = await verify();

    expect(broken).toEqual(
      entryBreak(30, target.entry_id, 'its stored hash does not match its content'),
    );
    expect(describeBreak(broken!)).toBe(
      `access-log entry 30 (${target.entry_id}): its stored hash does not match its content`,
    );
  });

  it('names an entry that was changed and given a hash made as the log makes it', async () => {
    const before = await stored(29);
    await db.pool.query('DELETE FROM access_log WHERE seq = 30');
    const changed = await forge(30, before.hash);

    expect((await verify()).broken).toEqual(
      entryBreak(
        30,
        changed,
        'it was changed and its hash made anew: the entry after it links to another hash',
      ),
    );
  });

  it('names the place of an entry that was removed', async () => {
    const after = await stored(31);
    await db.pool.query('DELETE FROM access_log WHERE seq = 30');

    expect((await verify()).broken).toEqual(
      entryBreak(31, after.entry_id, 'entry 30 is missing before it'),
    );
  });

  it('names an entry that was inserted, its hash made as the log makes it', async () => {
    const before = await stored(29);
    // Room at 30: the entries from there on move up one, and the head with them.
    await db.pool.query('UPDATE access_log SET seq = seq + 1000000 WHERE seq >= 30');
    await db.pool.query('UPDATE access_log SET seq = seq - 999999 WHERE seq >= 1000000');
    await db.pool.query('UPDATE access_log_head SET seq = seq + 1');
    const inserted = await forge(30, before.hash);

    expect((await verify()).broken).toEqual(
      entryBreak(30, inserted, 'it was inserted: the entry after it links to the one before it'),
    );
  });

  it('names an entry added after the last one without moving the head', async () => {
    const last = await stored(entries);
    const added = await forge(entries + 1, last.hash);

    expect((await verify()).broken).toEqual(
      entryBreak(entries + 1, added, 'it lies past the head: it was added without moving the head'),
    );
  });
});
