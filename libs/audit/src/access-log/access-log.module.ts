import { Module } from '@nestjs/common';
import { AuditClock, SystemAuditClock } from '../audit.clock';
import { AccessLog } from './access-log';

/**
 * `AccessLog` for any lib that logs accesses (dashboard views, feeds, deliveries): import this
 * module; it is the same instance AuditModule uses. Needs the platform's global `Pool`, and
 * `accessLogMigrations` (part of `auditMigrations`) among the migrations.
 */
@Module({
  providers: [AccessLog, { provide: AuditClock, useClass: SystemAuditClock }],
  exports: [AccessLog, AuditClock],
})
export class AccessLogModule {}
