import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse } from '@samenloop/platform';
import { CurrentViewer, DashboardAuthGuard } from '@samenloop/identity';
import type { Outcomes } from '@samenloop/contracts';
import type { Viewer } from '@samenloop/identity';
import { OutcomesQueryDto } from './outcomes-query.dto';
import { OutcomesQueries } from './outcomes-queries';

@ApiTags('dashboard')
@ApiCookieAuth()
@ApiProblemResponse(401, 'Not signed in')
@UseGuards(DashboardAuthGuard)
@Controller('v1/dashboard/outcomes')
export class OutcomesController {
  constructor(private readonly outcomes: OutcomesQueries) {}

  @Get()
  @ApiOperation({
    summary: 'Outcome measures per municipality and period',
    description:
      'Of the clients enrolled in the period (all when no period is given), with their facts up to ' +
      'its last day. Auditors and admins see every client; a case lead its partner’s clients.',
  })
  @ApiOkResponse({ description: 'Outcomes' })
  @ApiProblemResponse(400, 'validation-failed')
  read(@CurrentViewer() viewer: Viewer, @Query() query: OutcomesQueryDto): Promise<Outcomes> {
    return this.outcomes.outcomes(viewer, query);
  }
}
