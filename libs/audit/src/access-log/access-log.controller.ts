import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblemResponse } from '@samenloop/platform';
import { AuditorActs } from '../auditor/auditor-acts';
import { AuditorOnly } from '../auditor/auditor-only.decorator';
import { CurrentAuditor, type AuditorAtOrigin } from '../auditor/current-auditor.decorator';
import { ClientLocator } from '../clients/client-locator';
import { asAuditProblem } from '../clients/client.problems';
import type { AccessLogViewPage } from '../audit.contract';
import { AccessDisclosures } from './access-disclosure';
import { AccessLog, ACCESS_ACTIONS } from '@samenloop/privacy';
import { AccessLogQueryDto } from './access-log-query.dto';

@AuditorOnly()
@Controller('v1/audit/access-log')
export class AccessLogController {
  constructor(
    private readonly accessLog: AccessLog,
    private readonly locator: ClientLocator,
    private readonly acts: AuditorActs,
    private readonly disclosures: AccessDisclosures,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Read the access log (NEN 7513)',
    description:
      'Entries in chronological order, filtered by client, user, partner, action, channel and ' +
      'time, each with its channel and the event types and data categories it disclosed. ' +
      'The read is itself logged first, so a read about one client lists itself.',
  })
  @ApiOkResponse({
    description: '`entries` and, when more match, `next`',
    schema: { type: 'object' },
  })
  @ApiProblemResponse(400, 'validation-failed, invalid-client-reference or invalid-cursor')
  @ApiProblemResponse(404, 'unknown-client')
  async list(
    @Query() query: AccessLogQueryDto,
    @CurrentAuditor() auditor: AuditorAtOrigin,
  ): Promise<AccessLogViewPage> {
    const clientId =
      query.client === undefined
        ? undefined
        : await this.locator.locate(query.client).catch(asAuditProblem);
    const { client: _ref, after: _cursor, limit: _limit, ...filter } = query;
    await this.acts.log(auditor, {
      action: ACCESS_ACTIONS.accessLogRead,
      clientId: clientId ?? null,
      accessPoint: 'GET /v1/audit/access-log',
      ...(Object.keys(filter).length ? { detail: { filter } } : {}),
    });
    const page = await this.accessLog
      .query({
        clientId,
        user: query.user,
        partnerId: query.partner,
        action: query.action,
        channel: query.channel,
        from: query.from === undefined ? undefined : new Date(query.from),
        to: query.to === undefined ? undefined : new Date(query.to),
        limit: query.limit,
        after: query.after,
      })
      .catch(asAuditProblem);
    return this.disclosures.describe(page);
  }
}
