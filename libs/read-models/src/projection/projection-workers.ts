import {
  Injectable,
  Logger,
  Optional,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { EventStore } from '@samenloop/event-store';
import { CaseStates, PartnerRegistry } from '@samenloop/sharing';
import { DataSource } from 'typeorm';
import { READ_MODELS } from '../database/read-models-data-source';
import { ReadModelsSettings } from '../read-models.settings';
import { ormSessions } from './orm-session';
import { PartnerKinds } from './partner-kinds';
import { ProjectionGroup, type ProjectionStatus } from './projection-group';
import { READ_MODEL_PROJECTIONS } from './projections.catalogue';

export interface WorkersStatus {
  workers: 'on' | 'off';
  projections: ProjectionStatus[];
}

/**
 * Runs every projection in this process unless `WORKERS=off`; of several processes running them,
 * one leads and the others stand by.
 */
@Injectable()
export class ProjectionWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Projections');
  private readonly group: ProjectionGroup;

  constructor(
    private readonly settings: ReadModelsSettings,
    store: EventStore,
    @InjectDataSource(READ_MODELS) dataSource: DataSource,
    registry: PartnerRegistry,
    // Only where this process runs the intake too.
    @Optional() intakeStates?: CaseStates,
  ) {
    const partners = new PartnerKinds(registry);
    const sessions = ormSessions(dataSource);
    const log = (line: string) => this.logger.warn(line);
    this.group = new ProjectionGroup(READ_MODEL_PROJECTIONS, {
      store,
      sessions,
      partners,
      intakeStates,
      log,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.settings.workers) {
      this.logger.log('WORKERS=off: the projections run in another process');
      return;
    }
    await this.group.start();
  }

  // Before shutdown: the data source and the pool close on shutdown, after the consumers stopped.
  async beforeApplicationShutdown(): Promise<void> {
    await this.group.stop();
  }

  status(): WorkersStatus {
    return {
      workers: this.settings.workers ? 'on' : 'off',
      projections: this.group.status(),
    };
  }
}
