import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { Clock } from '@samenloop/privacy';
import type { ClientErasure, ErasureRequest } from '../erasure/client-erasure';
import { retentionMigrations } from './retention.migrations';
import { RetentionJob } from './retention.job';

class FixedClock extends Clock {
  override now(): Date {
    return new Date('2031-06-15T12:00:00.000Z');
  }
}

describe('RetentionJob', () => {
  let db: TestDatabase;
  const requests: ErasureRequest[] = [];
  const erasure = {
    erase: async (request: ErasureRequest) => {
      requests.push(request);
      return {
        clientId: request.clientId,
        position: 1,
        erasedAt: '2031-06-15T12:00:00.000Z',
        alreadyErased: false,
      };
    },
  } as unknown as ClientErasure;

  beforeAll(async () => {
    db = await createTestDatabase(retentionMigrations);
  });
  afterAll(() => db.drop());

  const closedAt = async (at: string | null, erasedAt: string | null = null) => {
    const clientId = randomUUID();
    await db.pool.query(
      'INSERT INTO audit_retention (client_id, closed_at, erased_at) VALUES ($1, $2, $3)',
      [clientId, at, erasedAt],
    );
    return clientId;
  };

  it('erases, once, the clients whose case closed longer ago than a calendar term', async () => {
    const due = await closedAt('2026-06-14T12:00:00.000Z');
    const notYet = await closedAt('2026-06-16T12:00:00.000Z');
    await closedAt(null);
    await closedAt('2020-01-01T00:00:00.000Z', '2021-01-01T00:00:00.000Z');
    const job = new RetentionJob(db.pool, erasure, new FixedClock(), 'P5Y');

    expect((await job.runOnce()).map((result) => result.clientId)).toEqual([due]);
    expect(await job.runOnce()).toEqual([]);
    expect(requests).toEqual([
      expect.objectContaining({
        clientId: due,
        actor: 'system:retention',
        authorisation: { basis: 'law', reference: 'retention P5Y after case-closed' },
      }),
    ]);
    expect(requests.map((request) => request.clientId)).not.toContain(notYet);
  });

  it('reads every form of ISO 8601 duration the settings accept', async () => {
    for (const term of ['P18M', 'P2W', 'P1Y2M3W4DT5H6M7S', 'PT90S']) {
      const job = new RetentionJob(db.pool, erasure, new FixedClock(), term);
      await expect(job.runOnce()).resolves.toBeDefined();
    }
  });
});
