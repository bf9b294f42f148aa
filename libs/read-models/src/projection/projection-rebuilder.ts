import type { EventStore } from '@samenloop/event-store';
import { PartnerRegistry } from '@samenloop/sharing';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import { openReadModelsDataSource } from '../database/read-models-data-source';
import { ormSessions } from './orm-session';
import { PartnerKinds } from './partner-kinds';
import { rebuildProjections, type RebuildProgress } from './projection-rebuild';
import { READ_MODEL_PROJECTIONS } from './projections.catalogue';

export interface RebuilderConnection {
  /** The database the hub uses, and a pool on it. */
  url: string;
  pool: Pool;
  store: EventStore;
}

/** Rebuilds projections from outside the hub (the `samenloop projections rebuild` command). */
export class ProjectionRebuilder {
  private constructor(
    private readonly dataSource: DataSource,
    private readonly connection: RebuilderConnection,
  ) {}

  static async open(connection: RebuilderConnection): Promise<ProjectionRebuilder> {
    return new ProjectionRebuilder(await openReadModelsDataSource(connection.url), connection);
  }

  static readonly names: readonly string[] = READ_MODEL_PROJECTIONS.map(({ name }) => name);

  /** Rebuilds the projections named, together in one read of the log. */
  async rebuild(
    names: readonly string[],
    onProgress?: (progress: RebuildProgress) => void,
  ): Promise<RebuildProgress> {
    const projections = names.map((name) => {
      const projection = READ_MODEL_PROJECTIONS.find((candidate) => candidate.name === name);
      if (!projection) {
        throw new Error(`no projection ${name}; there are ${ProjectionRebuilder.names.join(', ')}`);
      }
      return projection;
    });
    return rebuildProjections(projections, {
      store: this.connection.store,
      sessions: ormSessions(this.dataSource),
      partners: new PartnerKinds(new PartnerRegistry(this.connection.pool)),
      onProgress,
    });
  }

  async close(): Promise<void> {
    await this.dataSource.destroy();
  }
}
