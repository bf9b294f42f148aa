import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblemResponse } from '@samenloop/platform';
import { PartnerRegistry, SharingAgreements } from '@samenloop/sharing';
import { ACCESS_ACTIONS } from '@samenloop/privacy';
import { auditProblem } from '../audit.problems';
import { AuditorActs } from '../auditor/auditor-acts';
import { AuditorOnly } from '../auditor/auditor-only.decorator';
import { CurrentAuditor, type AuditorAtOrigin } from '../auditor/current-auditor.decorator';
import { parseAsOf } from './as-of';
import { ClientReplay, type ReplayView } from './client-replay';
import { partnerSight } from './partner-sight';
import { ClientStateQueryDto } from './client-state-query.dto';

@AuditorOnly()
@Controller('v1/audit/clients')
export class ClientStateController {
  constructor(
    private readonly acts: AuditorActs,
    private readonly replays: ClientReplay,
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
    @CurrentAuditor() auditor: AuditorAtOrigin,
  ): Promise<ReplayView> {
    const asOf = query.asOf === undefined ? undefined : parseAsOf(query.asOf, query.by);
    if (query.asOf !== undefined && !asOf) {
      throw auditProblem(
        'invalid-as-of',
        'asOf must be a position or an RFC 3339 date-time (by=happened: a date-time)',
      );
    }
    const clientId = await this.acts.aboutClient(ref, auditor, {
      action: ACCESS_ACTIONS.replay,
      accessPoint: 'GET /v1/audit/clients/{ref}/state',
      ...(query.asOf === undefined ? {} : { detail: { asOf: query.asOf, by: query.by } }),
    });
    const parties = (await this.partners.list()).map(({ id, kind }) => ({ id, kind }));
    const agreements = this.agreements.current();
    return this.replays.replay(clientId, asOf, ({ events, state }) =>
      partnerSight(events, state, parties, agreements),
    );
  }
}
