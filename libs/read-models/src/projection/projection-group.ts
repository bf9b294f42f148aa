import type { ConsumerStatus, EventStore, Position } from '@samenloop/event-store';
import {
  AdvisoryLock,
  LAG_COUNT_LIMIT,
  lagOf,
  Leadership,
  workerLag,
  type WorkerLag,
} from '@samenloop/platform';
import type { CaseStates } from '@samenloop/sharing';
import type { OrmSession } from './orm-session';
import type { PartnerKinds } from './partner-kinds';
import type { Projection } from './projection';
import { ProjectionLead } from './projection-lead';
import { checkpointName } from './projection-ledger';
import { ProjectionMember } from './projection-member';
import { upgradeTables } from './projection-upgrade';

export interface ProjectionStatus extends ConsumerStatus {
  projection: string;
  version: number;
  running: boolean;
}

export interface ProjectionGroupOptions {
  store: EventStore;
  sessions: () => Promise<OrmSession>;
  partners: PartnerKinds;
  /** The intake's states, where this process runs one. */
  intakeStates?: Pick<CaseStates, 'before'>;
  log: (line: string) => void;
  /** Events per batch, and per page of a projection catching up on its own. */
  batchSize?: number;
  /** While events keep coming, how long a batch gathers them. */
  collectMs?: number;
  /** How often a standby process tries to take over. */
  standbyRetryMs?: number;
}

/** Names the group's leadership lock. */
const GROUP = 'read-models';

/**
 * Keeps the projections up to date from one read of the global log (see `ProjectionLead`). Of
 * several processes running the group, one leads and the others stand by. Each projection keeps
 * its own checkpoint, version and lock, so that a rebuild of one (`samenloop projections
 * rebuild`) runs beside the live worker, which then follows the rebuilt tables.
 */
export class ProjectionGroup {
  private readonly members: ProjectionMember[];
  private readonly leadership: Leadership<OrmSession>;
  private running = false;
  private untrack?: () => void;

  constructor(
    projections: readonly Projection[],
    private readonly options: ProjectionGroupOptions,
  ) {
    this.members = projections.map((projection) => new ProjectionMember(projection));
    this.leadership = new Leadership(options.sessions, {
      lock: AdvisoryLock.named(`consumer:${GROUP}`),
      standbyRetryMs: options.standbyRetryMs,
      onFailure: (error) => {
        for (const member of this.members) member.lastError = error.message;
        options.log(`consumer ${GROUP}: ${error.message}; retrying`);
      },
    });
  }

  /** Empties tables of an older version first; refuses tables of a newer one. */
  async start(): Promise<void> {
    for (const { projection } of this.members) {
      await upgradeTables(projection, this.options.sessions, this.options.log);
    }
    this.untrack ??= workerLag.trackGroup(() => this.lags(), { gatesReadiness: true });
    const { store, partners, intakeStates, log, batchSize = 1_000, collectMs = 100 } = this.options;
    this.leadership.start((session) =>
      new ProjectionLead(
        session,
        this.members,
        { store, partners, intakeStates, log, batchSize, collectMs },
        this.leadership.signal,
      ).run(),
    );
    this.running = true;
  }

  async stop(): Promise<void> {
    this.untrack?.();
    await this.leadership.stop();
    this.running = false;
  }

  status(): ProjectionStatus[] {
    return this.members.map((member) => ({
      name: checkpointName(member.projection),
      leader: this.leadership.leader,
      checkpoint: member.checkpoint,
      ...(member.lastError === undefined ? {} : { lastError: member.lastError }),
      projection: member.name,
      version: member.projection.version,
      running: this.running,
    }));
  }

  /**
   * Each projection's lag under its checkpoint's name, while this process leads; those standing
   * at one position share one count.
   */
  private async lags(): Promise<Map<string, WorkerLag>> {
    if (this.leadership.standingBy) return new Map();
    const counts = new Map<Position | null, Promise<WorkerLag>>();
    const lagAt = (checkpoint: Position | null): Promise<WorkerLag> => {
      let lag = counts.get(checkpoint);
      if (!lag) {
        lag = this.options.store
          .backlog(checkpoint ?? 'start', { limit: LAG_COUNT_LIMIT })
          .then(({ events, oldestRecordedAt }) => lagOf(events, oldestRecordedAt));
        counts.set(checkpoint, lag);
      }
      return lag;
    };
    return new Map(
      await Promise.all(
        this.members.map(
          async (member) =>
            [checkpointName(member.projection), await lagAt(member.checkpoint)] as const,
        ),
      ),
    );
  }
}
