import { ProblemException } from '@samenloop/platform';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import type { DataSource } from 'typeorm';
import { openIdentityDataSource } from '../identity-data-source';
import { identityMigrations } from '../identity.migrations';
import { SignInAttemptsEntity } from './sign-in-attempts.entity';
import { SIGN_IN_DELAYS } from './sign-in-delay';
import { SignInLimiter } from './sign-in-limiter';

describe('the sign-in limiter', () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  let limiter: SignInLimiter;
  const at = new Date('2026-03-01T09:00:00Z');
  const later = (seconds: number) => new Date(at.getTime() + seconds * 1000);

  const outcomes = (attempts: Promise<void>[]) =>
    Promise.all(
      attempts.map((attempt) =>
        attempt.then(
          () => 'admitted',
          (error: unknown) =>
            error instanceof ProblemException
              ? `${error.getStatus()} retry after ${String(error.problem.headers?.['retry-after'])}`
              : String(error),
        ),
      ),
    );

  beforeAll(async () => {
    db = await createTestDatabase([...identityMigrations]);
    dataSource = await openIdentityDataSource(db.url);
    limiter = new SignInLimiter(dataSource.getRepository(SignInAttemptsEntity));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('admits no more attempts made at once than the free failures of an account', async () => {
    const results = await outcomes(
      Array.from({ length: 15 }, (_, i) => limiter.admit('Target', `10.0.0.${i}`, at)),
    );

    expect(results.filter((result) => result === 'admitted')).toHaveLength(
      SIGN_IN_DELAYS.freeFailures.account,
    );
    expect(results.filter((result) => result === '429 retry after 2')).toHaveLength(10);
  });

  it('admits the next attempt once the delay has passed, and doubles the delay after it', async () => {
    expect(await outcomes([limiter.admit('target', '10.0.0.1', later(1))])).toEqual([
      '429 retry after 1',
    ]);
    expect(await outcomes([limiter.admit('target', '10.0.0.1', later(2))])).toEqual(['admitted']);
    expect(await outcomes([limiter.admit('target', '10.0.0.1', later(3))])).toEqual([
      '429 retry after 3',
    ]);
  });

  it('starts an account afresh when its attempt succeeds', async () => {
    await limiter.admit('target', '10.0.0.1', later(6));
    await limiter.succeeded('target', '10.0.0.1');
    expect(
      await outcomes(
        Array.from({ length: 5 }, () => limiter.admit('target', '10.0.0.1', later(6))),
      ),
    ).toEqual(Array(5).fill('admitted'));
  });

  it('counts an address across accounts, and takes back its successful attempts', async () => {
    const free = SIGN_IN_DELAYS.freeFailures.address;
    const from = '192.0.2.7';
    for (let i = 0; i < free - 1; i++) await limiter.admit(`user-${i}`, from, at);
    await limiter.admit('mine', from, at);
    await limiter.succeeded('mine', from);
    await limiter.admit('another', from, at);
    expect(await outcomes([limiter.admit('yet-another', from, at)])).toEqual(['429 retry after 2']);
    expect(await outcomes([limiter.admit('yet-another', '192.0.2.8', at)])).toEqual(['admitted']);
  });

  it('forgets attempts an hour old', async () => {
    const hourLater = later(SIGN_IN_DELAYS.forgetAfterMinutes * 60 + 6);
    expect(
      await outcomes(
        Array.from({ length: 5 }, () => limiter.admit('target', '10.0.0.9', hourLater)),
      ),
    ).toEqual(Array(5).fill('admitted'));
  });
});
