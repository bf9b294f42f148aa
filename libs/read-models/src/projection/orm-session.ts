import type { SqlSession } from '@samenloop/platform';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * A TypeORM query runner in the shape the checkpointed consumer drives, so that a projection's
 * EntityManager writes in the very transaction that moves the checkpoint. The consumer's own
 * BEGIN, COMMIT and ROLLBACK go through TypeORM's transaction calls: TypeORM then knows a
 * transaction is open and never starts (and commits) one of its own inside it.
 */
export class OrmSession implements SqlSession {
  constructor(private readonly runner: QueryRunner) {}

  get manager(): EntityManager {
    return this.runner.manager;
  }

  async query<R extends object = Record<string, unknown>>(
    sql: string,
    parameters?: unknown[],
  ): Promise<{ rows: R[] }> {
    switch (sql) {
      case 'BEGIN':
        await this.runner.startTransaction();
        return { rows: [] };
      case 'COMMIT':
        await this.runner.commitTransaction();
        return { rows: [] };
      case 'ROLLBACK':
        await this.runner.rollbackTransaction();
        return { rows: [] };
    }
    const result = await this.runner.query(sql, parameters, true);
    return { rows: (result.records ?? []) as R[] };
  }

  /**
   * TypeORM discards a connection that failed by itself; one merely left in doubt is cleared of
   * any transaction and session lock before it goes back to the pool.
   */
  release(broken = false): void {
    const cleared = broken
      ? this.runner
          .query('ROLLBACK')
          .then(() => this.runner.query('SELECT pg_advisory_unlock_all()'))
          .catch(() => undefined)
      : Promise.resolve();
    void cleared.finally(() => this.runner.release());
  }
}

export function ormSessions(dataSource: DataSource): () => Promise<OrmSession> {
  return async () => {
    const runner = dataSource.createQueryRunner('master');
    await runner.connect();
    return new OrmSession(runner);
  };
}
