export { ReadModelsModule } from './read-models.module';
export { ProjectionsModule } from './projection/projections.module';
export { readModelsMigrations } from './read-models.migrations';
export { ReadModelsSettings } from './read-models.settings';
export { READ_MODEL_PROJECTIONS } from './projection/projections.catalogue';
export { ProjectionRebuilder } from './projection/projection-rebuilder';
export type { RebuildProgress } from './projection/projection-rebuild';
export type { WorkersStatus } from './projection/projection-workers';
export { DashboardAccessLog } from './viewer/dashboard-access-log';
