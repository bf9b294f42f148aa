import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiOperatorToken, ApiProblemResponse, OperatorGuard } from '@samenloop/platform';
import { ProjectionWorkers, type WorkersStatus } from './projection-workers';

// It names the projections and their errors: for operators (METRICS_TOKEN or the admin token).
@ApiTags('health')
@ApiOperatorToken()
@UseGuards(OperatorGuard)
@Controller('health/projections')
export class ProjectionsController {
  constructor(private readonly workers: ProjectionWorkers) {}

  @Get()
  @ApiOperation({
    summary: 'The projections this process runs: leader or standby, checkpoint, last error',
  })
  @ApiOkResponse({ description: 'No client data: names, versions and log positions only' })
  @ApiProblemResponse(401, 'Missing METRICS_TOKEN or administrator token')
  status(): WorkersStatus {
    return this.workers.status();
  }
}
