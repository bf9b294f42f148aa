import { Controller, Get, Param, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse } from '@samenloop/platform';
import { AccessLog, ACCESS_ACTIONS } from '@samenloop/privacy';
import { auditorAccess } from '../auditor/auditor-access';
import { AuditorGuard } from '../auditor/auditor.guard';
import type { AuditorPrincipal, AuditRequest } from '@samenloop/privacy';
import { CurrentAuditor } from '../auditor/current-auditor.decorator';
import { ClientLocator } from '../clients/client-locator';
import { asAuditProblem } from '../clients/client.problems';
import { renderSubjectAccessHtml } from './subject-access-html';
import type { SubjectAccessReport } from './subject-access-report';
import { SubjectExport } from './subject-export';
import { SubjectExportQueryDto } from './subject-export-query.dto';

interface Reply {
  header(name: string, value: string): unknown;
}

@ApiTags('audit')
@ApiCookieAuth()
@ApiProblemResponse(401, 'Not signed in as an auditor')
@ApiProblemResponse(403, 'not-auditor')
@UseGuards(AuditorGuard)
@Controller('v1/audit/clients')
export class SubjectExportController {
  constructor(
    private readonly locator: ClientLocator,
    private readonly exports: SubjectExport,
    private readonly accessLog: AccessLog,
  ) {}

  @Get(':ref/export')
  @ApiOperation({
    summary: 'Subject access export: everything held about a client',
    description:
      'The decrypted events (a redaction marker after erasure) and every access to the client’s ' +
      'data, as JSON or as an HTML report for the client in plain Dutch (`format=html`) or English ' +
      '(`format=html&lang=en`). The export is itself logged, ' +
      'before it is built, so it lists itself.',
  })
  @ApiProduces('application/json', 'text/html')
  @ApiOkResponse({ description: 'The report', schema: { type: 'object' } })
  @ApiProblemResponse(400, 'invalid-client-reference')
  @ApiProblemResponse(404, 'unknown-client')
  async export(
    @Param('ref') ref: string,
    @Query() query: SubjectExportQueryDto,
    @CurrentAuditor() auditor: AuditorPrincipal,
    @Req() request: AuditRequest,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<SubjectAccessReport | string> {
    const clientId = await this.locator.locate(ref).catch(asAuditProblem);
    const format = query.format ?? 'json';
    await this.accessLog.record(
      auditorAccess(auditor, {
        action: ACCESS_ACTIONS.export,
        clientId,
        accessPoint: 'GET /v1/audit/clients/{ref}/export',
        origin: request.ip,
        detail: { format },
      }),
    );
    const report = await this.exports.build(clientId);
    if (format === 'json') return report;
    reply.header('content-type', 'text/html; charset=utf-8');
    // The report holds personal data: nothing may run in it, and nothing may keep a copy.
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    reply.header('cache-control', 'no-store');
    return renderSubjectAccessHtml(report, query.lang ?? 'nl');
  }
}
