import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProjectionWorkers, type WorkersStatus } from './projection.workers';

@ApiTags('health')
@Controller('health/projections')
export class ProjectionsController {
  constructor(private readonly workers: ProjectionWorkers) {}

  @Get()
  @ApiOperation({
    summary: 'The projections this process runs: leader or standby, checkpoint, last error',
  })
  @ApiOkResponse({ description: 'No client data: names, versions and log positions only' })
  status(): WorkersStatus {
    return this.workers.status();
  }
}
