import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { AppConfig } from '../config/app-config';
import { workerLag } from '../metrics/worker-lag';

/**
 * Down while a worker running in this process trails the log by more than READY_MAX_LAG_EVENTS.
 * Workers that stand by or run in another process (WORKERS=off) are not counted here.
 */
@Injectable()
export class WorkerLagHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly config: AppConfig,
  ) {}

  async check(key = 'workers') {
    const indicator = this.indicators.check(key);
    const bound = this.config.READY_MAX_LAG_EVENTS;
    const lags = Object.fromEntries(
      [...(await workerLag.sample())]
        .filter(([, { gatesReadiness }]) => gatesReadiness)
        .map(([worker, { events, seconds }]) => [worker, { events, seconds }]),
    );
    const behind = Object.keys(lags).filter((worker) => bound > 0 && lags[worker]!.events > bound);
    const data = { maxLagEvents: bound, lag: lags };
    return behind.length > 0 ? indicator.down({ ...data, behind }) : indicator.up(data);
  }
}
