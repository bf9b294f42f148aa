import { Module } from '@nestjs/common';
import { EventStoreModule, eventStoreMigrations } from '@samenloop/event-store';
import {
  ConfigModule,
  DatabaseModule,
  HealthModule,
  LoggingModule,
  MetricsModule,
  type HttpAppOptions,
} from '@samenloop/platform';
import { ProjectionsModule, readModelsMigrations } from '@samenloop/read-models';
import { sharingMigrations } from '@samenloop/sharing';

/** The projector process: the read models' projections on their own; composition only. */
@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule.forRoot([
      ...eventStoreMigrations,
      ...sharingMigrations,
      ...readModelsMigrations,
    ]),
    HealthModule,
    MetricsModule,
    EventStoreModule.forRoot(),
    ProjectionsModule,
  ],
})
export class ProjectorModule {}

export const PROJECTOR_HTTP_OPTIONS: HttpAppOptions = {
  openApi: {
    title: 'Samenloop projector',
    description:
      'Keeps the read models up to date. Health at /health/live, /health/ready and /health/projections; metrics at /metrics.',
  },
};
