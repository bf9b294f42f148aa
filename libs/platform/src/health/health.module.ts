import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { DatabaseHealthIndicator } from './database-health';
import { HealthController } from './health.controller';
import { WorkerLagHealthIndicator } from './worker-lag-health';

/**
 * `GET /health/live` and `GET /health/ready` for any process with an HTTP server. Needs the
 * `Pool` from DatabaseModule and `AppConfig` from ConfigModule.
 */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [DatabaseHealthIndicator, WorkerLagHealthIndicator],
  exports: [DatabaseHealthIndicator],
})
export class HealthModule {}
