import { randomUUID } from 'node:crypto';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { Pool } from 'pg';
import { Clock } from '@samenloop/privacy';
import type { VerificationRun } from '../audit.contract';
import { describeBreak } from '../verify/integrity-break';
import { verifyIntegrity } from '../verify/integrity-verifier';

/** Runs kept for the page to read back; older ones are forgotten. */
const KEPT_RUNS = 20;

/**
 * Verifications run in this process, one at a time (a second start returns the running one): the
 * same `verifyIntegrity` as `samenloop audit verify`, with its progress kept for the page to poll.
 * Runs live in memory only: a restart forgets them, and the access log keeps who started which.
 */
@Injectable()
export class IntegrityRuns implements OnModuleDestroy {
  private readonly logger = new Logger('IntegrityRuns');
  private readonly runs = new Map<string, VerificationRun>();
  private running: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly clock: Clock,
  ) {}

  start(startedBy: string): VerificationRun {
    const current = [...this.runs.values()].find((run) => run.state === 'running');
    if (current) return current;
    const run: VerificationRun = {
      id: randomUUID(),
      startedBy,
      startedAt: this.clock.now().toISOString(),
      state: 'running',
      phase: null,
      done: 0,
      total: 0,
    };
    this.keep(run);
    this.running = this.verify(run);
    return run;
  }

  find(id: string): VerificationRun | undefined {
    return this.runs.get(id);
  }

  async onModuleDestroy(): Promise<void> {
    await this.running;
  }

  private async verify(run: VerificationRun): Promise<void> {
    try {
      const { broken, ...report } = await verifyIntegrity(this.pool, {
        onProgress: ({ phase, done, total }) => Object.assign(run, { phase, done, total }),
      });
      Object.assign(run, {
        state: broken ? 'broken' : 'intact',
        report,
        ...(broken ? { broken: { ...broken, description: describeBreak(broken) } } : {}),
      });
    } catch (error) {
      this.logger.error(`verification ${run.id} failed: ${(error as Error).message}`);
      run.state = 'failed';
    } finally {
      run.finishedAt = this.clock.now().toISOString();
    }
  }

  private keep(run: VerificationRun): void {
    this.runs.set(run.id, run);
    for (const id of [...this.runs.keys()].slice(0, Math.max(0, this.runs.size - KEPT_RUNS))) {
      this.runs.delete(id);
    }
  }
}
