import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { CheckpointedConsumer, ConsumerStatus } from '@samenloop/event-store';
import type { Sealer } from './integrity/sealer';
import { PeriodicJob } from './periodic.job';
import type { RetentionJob } from './retention/retention.job';
import type { AuditSettings } from './settings/audit.settings';

export interface AuditWorkersStatus {
  running: boolean;
  /** False when no seal key is configured: the log is then not sealed. */
  sealing: boolean;
  erasure?: ConsumerStatus;
}

/**
 * The audit's background work in a hub process: the sealer, the erasure consumer and the
 * retention job. Started with the app when AUDIT_WORKERS is on (the default), stopped before the
 * database pool closes; `start`/`stop` also work by hand (tests, a dedicated worker process).
 */
export class AuditWorkers implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('AuditWorkers');
  private running?: { sealer?: PeriodicJob; erasure: CheckpointedConsumer; retention: PeriodicJob };

  constructor(
    private readonly settings: AuditSettings,
    private readonly sealer: Sealer,
    private readonly erasureConsumer: () => CheckpointedConsumer,
    private readonly retention: RetentionJob,
  ) {}

  onApplicationBootstrap(): void {
    if (this.settings.workers) this.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  start(): void {
    if (this.running) return;
    const warn = (line: string) => this.logger.warn(line);
    if (!this.sealer.enabled) warn('no SAMENLOOP_SEAL_KEY: the global log is not being sealed');
    this.running = {
      ...(this.sealer.enabled
        ? {
            sealer: new PeriodicJob(
              'sealer',
              this.settings.sealCheckEveryMs,
              () => this.sealer.sealPending(),
              warn,
            ),
          }
        : {}),
      erasure: this.erasureConsumer(),
      retention: new PeriodicJob(
        'retention',
        this.settings.retentionCheckEveryMs,
        () => this.retention.runOnce(),
        warn,
      ),
    };
    this.running.sealer?.start();
    this.running.erasure.start();
    this.running.retention.start();
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    if (!running) return;
    await Promise.all([running.sealer?.stop(), running.erasure.stop(), running.retention.stop()]);
  }

  status(): AuditWorkersStatus {
    return {
      running: this.running !== undefined,
      sealing: this.running?.sealer !== undefined,
      ...(this.running ? { erasure: this.running.erasure.status() } : {}),
    };
  }
}
