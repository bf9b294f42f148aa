import { Module } from '@nestjs/common';
import { PartnerRegistry } from '@samenloop/sharing';
import { CaseloadSignalsJob } from '../caseload/caseload-signals.job';
import { ReadModelsDatabaseModule } from '../database/read-models-database.module';
import { ProjectionsController } from './projections.controller';
import { ProjectionWorkers } from './projection-workers';

/**
 * The projections as workers, the caseload's signal flags and `GET /health/projections`: all that apps/projector runs. Needs
 * the platform's global ConfigModule and DatabaseModule (with the event store's, sharing's and
 * `readModelsMigrations`) and the global EventStoreModule.
 */
@Module({
  imports: [ReadModelsDatabaseModule],
  controllers: [ProjectionsController],
  // Only the registry of SharingModule: its admin API and first-start tokens belong to the hub.
  providers: [ProjectionWorkers, CaseloadSignalsJob, PartnerRegistry],
  exports: [ProjectionWorkers],
})
export class ProjectionsModule {}
