import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { ApiProblemResponse } from '../http/api-problem-response.decorator';
import { ProblemException } from '../http/problem-exception';
import { DatabaseHealthIndicator } from './database-health';
import { WorkerLagHealthIndicator } from './worker-lag-health';

const HEALTH_RESULT = {
  schema: {
    type: 'object',
    properties: {
      status: { type: 'string', example: 'ok' },
      info: { type: 'object', example: { database: { status: 'up' } } },
      details: { type: 'object', example: { database: { status: 'up' } } },
    },
  },
};

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly workers: WorkerLagHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({ summary: 'Liveness: the process runs and serves HTTP' })
  @ApiOkResponse({ description: 'The process is alive', ...HEALTH_RESULT })
  @ApiProblemResponse(503, 'The process is shutting down')
  live(): Promise<HealthCheckResult> {
    return this.run([]);
  }

  @Get('ready')
  @HealthCheck({ swaggerDocumentation: false })
  @ApiOperation({
    summary: 'Readiness: migrations ran, the database answers and no worker here lags too far',
  })
  @ApiOkResponse({ description: 'Ready to take traffic', ...HEALTH_RESULT })
  @ApiProblemResponse(503, 'Not ready; `checks` tells which dependency is down')
  ready(): Promise<HealthCheckResult> {
    return this.run([() => this.database.check(), () => this.workers.check()]);
  }

  private async run(
    checks: Parameters<HealthCheckService['check']>[0],
  ): Promise<HealthCheckResult> {
    try {
      return await this.health.check(checks);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      const result = error.getResponse() as HealthCheckResult;
      const shuttingDown = result.status === 'shutting_down';
      throw new ProblemException(
        {
          status: 503,
          type: shuttingDown ? 'shutting-down' : 'not-ready',
          title: shuttingDown ? 'Shutting down' : 'Not ready',
          detail: shuttingDown
            ? 'The process is shutting down.'
            : `Down: ${Object.keys(result.error ?? {}).join(', ') || 'unknown'}.`,
          extensions: { checks: result.details },
        },
        { cause: error },
      );
    }
  }
}
