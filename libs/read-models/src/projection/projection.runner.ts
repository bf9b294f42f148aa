import {
  CheckpointedConsumer,
  type ConsumerStatus,
  type EventStore,
  type RecordedEvent,
} from '@samenloop/event-store';
import { CaseHistory } from './case-history';
import type { OrmSession } from './orm.session';
import type { PartnerKinds } from './partner-kinds';
import type { Projection } from './projection';
import {
  checkpointName,
  holdingProjection,
  inTransaction,
  lockForBatch,
  resetProjection,
  standingOf,
} from './projection.ledger';

/** Thrown in a batch when a rebuild or reset moved the projection since this consumer read it. */
export class ProjectionMovedError extends Error {
  override readonly name = 'ProjectionMovedError';
}

export interface ProjectionStatus extends ConsumerStatus {
  projection: string;
  version: number;
  running: boolean;
}

export interface ProjectionRunnerOptions {
  store: EventStore;
  sessions: () => Promise<OrmSession>;
  partners: PartnerKinds;
  log: (line: string) => void;
  batchSize?: number;
}

/**
 * Keeps one projection up to date as a checkpointed consumer. Each batch takes the projection's
 * lock and checks that the checkpoint and version are still the ones this consumer follows: a
 * rebuild that ran meanwhile makes the batch fail, and the consumer resumes from the rebuild's
 * checkpoint instead of writing over it.
 */
export class ProjectionRunner {
  private readonly consumer: CheckpointedConsumer<OrmSession>;
  private readonly history: CaseHistory;
  private running = false;

  constructor(
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.history = new CaseHistory(options.store, options.partners);
    this.consumer = new CheckpointedConsumer(options.store, options.sessions, {
      name: checkpointName(projection),
      handle: (events, session) => this.handle(events, session),
      batchSize: options.batchSize ?? 500,
      log: options.log,
    });
  }

  /** Rebuilds first when the tables are of an older version; refuses tables of a newer one. */
  async start(): Promise<void> {
    await holdingProjection(this.options.sessions, this.projection, async (session) => {
      const { version } = await standingOf(session, this.projection);
      if (version !== null && version > this.projection.version) {
        throw new Error(
          `projection ${this.projection.name} was built by version ${version}; this process runs version ${this.projection.version}`,
        );
      }
      if (version === this.projection.version) return;
      this.options.log(
        `projection ${this.projection.name}: version ${version ?? 'none'} -> ${this.projection.version}, rebuilding from position 0`,
      );
      await inTransaction(session, () => resetProjection(session, this.projection));
    });
    this.consumer.start();
    this.running = true;
  }

  async stop(): Promise<void> {
    await this.consumer.stop();
    this.running = false;
  }

  status(): ProjectionStatus {
    return {
      ...this.consumer.status(),
      projection: this.projection.name,
      version: this.projection.version,
      running: this.running,
    };
  }

  private async handle(events: RecordedEvent[], session: OrmSession): Promise<void> {
    await lockForBatch(session, this.projection);
    const standing = await standingOf(session, this.projection);
    const followed = this.consumer.status().checkpoint;
    if (standing.version !== this.projection.version || standing.checkpoint !== followed) {
      throw new ProjectionMovedError(
        `projection ${this.projection.name} moved to position ${standing.checkpoint ?? 'start'} (version ${standing.version}) while this consumer followed ${followed ?? 'start'}; resuming from there`,
      );
    }
    await this.projection.apply(await this.history.stepsOf(events), session.manager);
  }
}
