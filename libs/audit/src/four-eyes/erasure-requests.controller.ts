import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblemResponse } from '@samenloop/platform';
import { EventStore } from '@samenloop/event-store';
import { Pool } from 'pg';
import { ACCESS_ACTIONS } from '@samenloop/privacy';
import type { ErasurePlan, ErasureRequestView } from '../audit.contract';
import { AuditorActs } from '../auditor/auditor-acts';
import { AuditorOnly } from '../auditor/auditor-only.decorator';
import { CurrentAuditor, type AuditorAtOrigin } from '../auditor/current-auditor.decorator';
import { ClientLocator } from '../clients/client-locator';
import { asAuditProblem } from '../clients/client.problems';
import { planErasure } from './erasure-plan';
import { ErasureRequestDto } from './erasure-request.dto';
import { ErasureRequests } from './erasure-requests';

@AuditorOnly()
@Controller('v1/audit')
export class ErasureRequestsController {
  constructor(
    private readonly requests: ErasureRequests,
    private readonly locator: ClientLocator,
    private readonly acts: AuditorActs,
    private readonly pool: Pool,
    private readonly store: EventStore,
  ) {}

  @Get('clients/:ref/erasure-plan')
  @ApiOperation({ summary: 'Dry run: what erasing the client would destroy; changes nothing' })
  @ApiOkResponse({ description: 'ErasurePlan', schema: { type: 'object' } })
  @ApiProblemResponse(404, 'unknown-client')
  async plan(
    @Param('ref') ref: string,
    @CurrentAuditor() auditor: AuditorAtOrigin,
  ): Promise<ErasurePlan> {
    const clientId = await this.acts.aboutClient(ref, auditor, {
      action: ACCESS_ACTIONS.erasurePlan,
      accessPoint: 'GET /v1/audit/clients/{ref}/erasure-plan',
    });
    return planErasure(this.pool, this.store, clientId);
  }

  @Get('erasure-requests')
  @ApiOperation({ summary: 'Erasure requests waiting for a second auditor' })
  @ApiOkResponse({
    description: 'ErasureRequestView[]',
    schema: { type: 'array', items: { type: 'object' } },
  })
  async open(@CurrentAuditor() auditor: AuditorAtOrigin): Promise<ErasureRequestView[]> {
    await this.acts.log(auditor, {
      action: ACCESS_ACTIONS.erasureRequestsRead,
      clientId: null,
      accessPoint: 'GET /v1/audit/erasure-requests',
    });
    return this.requests.open();
  }

  @Post('erasure-requests')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Ask for a client’s erasure; another auditor must approve it',
    description: 'The answer carries the dry run: what the erasure will destroy.',
  })
  @ApiOkResponse({ description: 'ErasureRequestView', schema: { type: 'object' } })
  @ApiProblemResponse(404, 'unknown-client')
  @ApiProblemResponse(409, 'erasure-already-requested')
  async request(
    @Body() body: ErasureRequestDto,
    @CurrentAuditor() auditor: AuditorAtOrigin,
  ): Promise<ErasureRequestView> {
    const clientId = await this.locator.locate(body.client).catch(asAuditProblem);
    return this.requests.request(clientId, body.reason, auditor);
  }

  @Post('erasure-requests/:id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Approve another auditor’s erasure request: the client is erased',
  })
  @ApiOkResponse({ description: 'ErasureRequestView', schema: { type: 'object' } })
  @ApiProblemResponse(403, 'same-auditor')
  @ApiProblemResponse(404, 'unknown-erasure-request')
  @ApiProblemResponse(409, 'erasure-request-decided')
  approve(
    @Param('id', new ParseUUIDPipe()) id: string,
    @CurrentAuditor() auditor: AuditorAtOrigin,
  ): Promise<ErasureRequestView> {
    return this.requests.approve(id, auditor).catch(asAuditProblem);
  }
}
