import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type BeforeApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { READ_MODELS } from '../database/read-models-data-source';
import { tryLockProjection } from '../projection/projection-ledger';
import { caseloadProjection } from './caseload.projection';

/** How often the flags are judged again: a request corrects what changed meanwhile itself. */
const EVERY_MS = 30_000;

/**
 * Judges the signal flags of the caseload members whose window does not hold `at` (written by
 * the projection since, or a period started or ended since): the flags, and the window around
 * `at` in which they hold, from the row's own periods (`caseload_signals_at`). The row's own
 * columns only, so a row the projection rewrites meanwhile is judged on what it holds then.
 * Returns how many rows it judged.
 */
export async function judgeCaseloadSignals(
  manager: Pick<EntityManager, 'query'>,
  at: Date,
): Promise<number> {
  const [, judged] = (await manager.query(
    `UPDATE read_caseload_members m
     SET (signals_from, signals_until, unreached, referral_unanswered, past_each_other,
          no_contact, no_case_lead, signal_count) = (SELECT * FROM caseload_signals_at(m, $1))
     WHERE m.signals_from >= $1 OR m.signals_until <= $1`,
    [at],
  )) as [unknown, number];
  return judged;
}

/**
 * Keeps the caseload's signal flags current, so that a caseload request reads flags and sort keys
 * from indexes and judges only the few rows whose window passed itself. Every process serving the
 * dashboard or running the projections runs it, whatever `WORKERS` says (an API replica's
 * caseload must not depend on another process); one at a time, the others skip their turn, and
 * none while the caseload projection's batch or rebuild holds its lock.
 */
@Injectable()
export class CaseloadSignalsJob implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('CaseloadSignals');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(@InjectDataSource(READ_MODELS) private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), EVERY_MS);
    this.timer.unref();
    this.tick();
  }

  // Before shutdown: the data source closes on shutdown.
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.dataSource
      .transaction(async (manager) => {
        // The caseload projection's own lock: one process at a time judges, and never while a
        // batch or a rebuild writes the members (a many-row UPDATE beside them deadlocked).
        if (await tryLockProjection(manager, caseloadProjection)) {
          // The planner prices the per-row judgement far above what it costs, and a server with
          // JIT then spent seconds compiling it (EXPLAIN ANALYZE: 2.5 of 3.0 s) under the lock.
          await manager.query('SET LOCAL jit = off');
          await judgeCaseloadSignals(manager, new Date());
        }
      })
      .catch((error: unknown) =>
        this.logger.warn(
          `judging the caseload signals failed, tried again in ${EVERY_MS / 1000} s: ${String(error)}`,
        ),
      )
      .finally(() => (this.running = undefined));
  }
}
