import { randomUUID } from 'node:crypto';
import { clientStream, eventType, toEventToAppend } from '@samenloop/domain';
import { eventStoreMigrations, PostgresEventStore } from '@samenloop/event-store';
import { readModelsMigrations } from '@samenloop/read-models';
import { sharingMigrations } from '@samenloop/sharing';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { runProgram } from '../samenloop-program';

describe('samenloop projections rebuild', () => {
  let db: TestDatabase;
  const out: string[] = [];
  const err: string[] = [];
  const run = (...args: string[]) =>
    runProgram(['projections', 'rebuild', ...args], {
      out: (line) => out.push(line),
      err: (line) => err.push(line),
      env: { DATABASE_URL: db.url, LOG_LEVEL: 'silent' },
    });

  beforeAll(async () => {
    db = await createTestDatabase([
      ...eventStoreMigrations,
      ...sharingMigrations,
      ...readModelsMigrations,
    ]);
    const store = new PostgresEventStore(db.pool);
    const clientId = randomUUID();
    const at = '2025-03-03T10:00:00.000Z';
    const events = [
      {
        type: eventType('client-enrolled'),
        data: { municipality: 'GM0794', person: { sealed: 'x' }, startRung: 2 },
      },
      { type: eventType('ladder-step-reached'), data: { rung: 3 } },
    ].map(({ type, data }, index) =>
      toEventToAppend(
        {
          type,
          data,
          eventId: `e${index}`,
          partnerId: 'gemeente',
          occurredAt: at,
          recordedAt: at,
        } as never,
        randomUUID(),
        {
          source: 'urn:samenloop:partner:gemeente',
          subject: 'GM-1',
          contentHash: 'h',
          correlationId: 'c',
        },
      ),
    );
    await store.append(clientStream(clientId), events);
    await store.close();
  });
  afterAll(() => db?.drop());

  it('replays one projection from position 0 into its tables', async () => {
    await db.pool.query(
      `INSERT INTO consumer_checkpoints (name, position) VALUES ('read-models.ladder', 99)`,
    );

    expect(await run('ladder')).toBe(0);

    expect(out).toEqual(['rebuilt ladder: 2 events, up to position 2']);
    const { rows } = await db.pool.query('SELECT rung FROM read_ladder_steps ORDER BY position');
    expect(rows).toEqual([{ rung: 2 }, { rung: 3 }]);
    const checkpoint = await db.pool.query(
      `SELECT position FROM consumer_checkpoints WHERE name = 'read-models.ladder'`,
    );
    expect(checkpoint.rows).toEqual([{ position: '2' }]);
  });

  it('rebuilds them all without a name, and names the projections for a wrong one', async () => {
    out.length = 0;
    expect(await run()).toBe(0);
    expect(out).toHaveLength(7);
    expect(await run('caseloads')).toBe(1);
    expect(err.at(-1)).toMatch(/no projection caseloads; there are timeline, caseload, /);
  });
});
