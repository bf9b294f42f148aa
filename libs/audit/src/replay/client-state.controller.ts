import { Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse } from '@samenloop/platform';
import { PartnerRegistry, SharingAgreements } from '@samenloop/sharing';
import { AccessLog, ACCESS_ACTIONS } from '@samenloop/privacy';
import { auditProblem } from '../audit.problems';
import { auditorAccess } from '../auditor/auditor-access';
import { AuditorGuard } from '../auditor/auditor.guard';
import type { AuditorPrincipal, AuditRequest } from '@samenloop/privacy';
import { CurrentAuditor } from '../auditor/current-auditor.decorator';
import { ClientLocator } from '../clients/client-locator';
import { asAuditProblem } from '../clients/client.problems';
import { parseAsOf } from './as-of';
import { ClientReplay, type ReplayView } from './client-replay';
import { partnerSight } from './partner-sight';
import { ClientStateQueryDto } from './client-state-query.dto';

@ApiTags('audit')
@ApiCookieAuth()
@ApiProblemResponse(401, 'Not signed in as an auditor')
@ApiProblemResponse(403, 'not-auditor')
@UseGuards(AuditorGuard)
@Controller('v1/audit/clients')
export class ClientStateController {
  constructor(
    private readonly locator: ClientLocator,
    private readonly replays: ClientReplay,
    private readonly accessLog: AccessLog,
    private readonly partners: PartnerRegistry,
    private readonly agreements: SharingAgreements,
  ) {}

  @Get(':ref/state')
  @ApiOperation({
    summary: 'Replay a client’s case state and timeline as of a moment',
    description:
      '`ref` is the hub client id or `partnerId:reference`. The state is rebuilt from the stored ' +
      'events with the decider’s own evolve; an erased person shows as a redaction marker. ' +
      '`partners` says what each partner could see then and why. The read is logged in the ' +
      'access log.',
  })
  @ApiOkResponse({ description: 'The replayed state', schema: { type: 'object' } })
  @ApiProblemResponse(400, 'invalid-client-reference or invalid-as-of')
  @ApiProblemResponse(404, 'unknown-client')
  async state(
    @Param('ref') ref: string,
    @Query() query: ClientStateQueryDto,
    @CurrentAuditor() auditor: AuditorPrincipal,
    @Req() request: AuditRequest,
  ): Promise<ReplayView> {
    const asOf = query.asOf === undefined ? undefined : parseAsOf(query.asOf, query.by);
    if (query.asOf !== undefined && !asOf) {
      throw auditProblem(
        'invalid-as-of',
        'asOf must be a position or an RFC 3339 date-time (by=happened: a date-time)',
      );
    }
    const clientId = await this.locator.locate(ref).catch(asAuditProblem);
    await this.accessLog.record(
      auditorAccess(auditor, {
        action: ACCESS_ACTIONS.replay,
        clientId,
        accessPoint: 'GET /v1/audit/clients/{ref}/state',
        origin: request.ip,
        ...(query.asOf === undefined ? {} : { detail: { asOf: query.asOf, by: query.by } }),
      }),
    );
    const parties = (await this.partners.list()).map(({ id, kind }) => ({ id, kind }));
    const agreements = this.agreements.current();
    return this.replays.replay(clientId, asOf, ({ events, state }) =>
      partnerSight(events, state, parties, agreements),
    );
  }
}
