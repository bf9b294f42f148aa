import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ACCESS_ACTIONS } from '@samenloop/privacy';
import { ApiProblemResponse } from '@samenloop/platform';
import { CurrentCaseLead, DashboardAuthGuard, Roles } from '@samenloop/identity';
import type { ClientDetail, TimelinePage } from '@samenloop/contracts';
import { DashboardAccessLog } from '../viewer/dashboard-access-log';
import { LangQueryDto } from '../viewer/lang.dto';
import type { CaseLead } from '@samenloop/identity';
import { ClientQueries } from './client-queries';

@ApiTags('dashboard')
@ApiCookieAuth()
@ApiProblemResponse(401, 'Not signed in')
@ApiProblemResponse(403, 'role-not-allowed: client data is for case leads of involved partners')
@ApiProblemResponse(404, 'unknown-client: the partner is involved with no client by this reference')
@UseGuards(DashboardAuthGuard)
@Roles('case-lead')
@Controller('v1/dashboard/clients/:reference')
export class ClientsController {
  constructor(
    private readonly clients: ClientQueries,
    private readonly accessLog: DashboardAccessLog,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'One client: lead, partners, ladder, life areas, referrals, goals, signals',
  })
  @ApiOkResponse({ description: 'ClientDetail' })
  async detail(
    @CurrentCaseLead() viewer: CaseLead,
    @Param('reference') reference: string,
    @Query() { lang }: LangQueryDto,
  ): Promise<ClientDetail> {
    return this.accessLog.viewed(
      viewer,
      await this.clients.detail(viewer, reference, lang ?? 'nl', new Date()),
      ACCESS_ACTIONS.clientView,
      'GET /v1/dashboard/clients/{reference}',
    );
  }

  @Get('timeline')
  @ApiOperation({
    summary: 'Every event of the client from every partner, in order',
    description:
      'Events the partner may not read (its sharing agreement, professional secrecy without ' +
      'consent) show who and when only, as `restricted: true`.',
  })
  @ApiOkResponse({ description: 'TimelinePage' })
  async timeline(
    @CurrentCaseLead() viewer: CaseLead,
    @Param('reference') reference: string,
    @Query() { lang }: LangQueryDto,
  ): Promise<TimelinePage> {
    return this.accessLog.viewed(
      viewer,
      await this.clients.timeline(viewer, reference, lang ?? 'nl'),
      ACCESS_ACTIONS.timelineView,
      'GET /v1/dashboard/clients/{reference}/timeline',
    );
  }
}
