import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCESS_ACTIONS } from '@samenloop/privacy';
import { ApiProblemResponse } from '@samenloop/platform';
import { CurrentCaseLead, DashboardAuthGuard, Roles } from '@samenloop/identity';
import type { CaseloadPage } from '@samenloop/contracts';
import { DashboardAccessLog } from '../viewer/dashboard-access-log';
import type { CaseLead } from '@samenloop/identity';
import { CaseloadQueryDto } from './caseload-query.dto';
import { CaseloadQueries } from './caseload-queries';

@ApiTags('dashboard')
@ApiCookieAuth()
@ApiProblemResponse(401, 'Not signed in')
@ApiProblemResponse(403, 'role-not-allowed: the caseload is for case leads')
@UseGuards(DashboardAuthGuard)
@Roles('case-lead')
@Controller('v1/dashboard/caseload')
export class CaseloadController {
  constructor(
    private readonly caseload: CaseloadQueries,
    private readonly accessLog: DashboardAccessLog,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The clients the case lead’s partner is involved with (scope=mine: leads)',
    description:
      'Each client by the partner’s own reference, with lead, involved partners, ladder, contact, ' +
      'referral and goal figures and the signals that hold now. Figures of a category the ' +
      'partner’s sharing agreement does not name are left out (0 or absent).',
  })
  @ApiOkResponse({ description: 'CaseloadPage' })
  @ApiProblemResponse(400, 'validation-failed')
  async page(
    @CurrentCaseLead() viewer: CaseLead,
    @Query() query: CaseloadQueryDto,
  ): Promise<CaseloadPage> {
    return this.accessLog.viewed(
      viewer,
      await this.caseload.page(viewer, query, new Date()),
      ACCESS_ACTIONS.caseloadView,
      'GET /v1/dashboard/caseload',
    );
  }
}
