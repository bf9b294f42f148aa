import { Module } from '@nestjs/common';
import { ClockModule } from '../clock/clock.module';
import { AccessLog } from './access-log';

/**
 * `AccessLog` for any lib that logs accesses (dashboard views, feeds, deliveries, the audit API):
 * import this module. Needs the platform's global `Pool`, and `accessLogMigrations` among the
 * migrations.
 */
@Module({ imports: [ClockModule], providers: [AccessLog], exports: [AccessLog, ClockModule] })
export class AccessLogModule {}
