import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Pool } from 'pg';

/**
 * Up when PostgreSQL answers `SELECT 1`. The `Pool` only exists once DatabaseModule has connected
 * and run every migration, so an app that serves this check has a migrated schema.
 */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly pool: Pool,
  ) {}

  check(key = 'database', timeoutMs = 3000) {
    return this.indicators
      .check(key)
      .attempt(async () => {
        await this.pool.query('SELECT 1');
      })
      .withTimeout(timeoutMs);
  }
}
