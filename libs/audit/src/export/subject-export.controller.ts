import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces } from '@nestjs/swagger';
import { ApiProblemResponse } from '@samenloop/platform';
import { ACCESS_ACTIONS } from '@samenloop/privacy';
import { AuditorActs } from '../auditor/auditor-acts';
import { AuditorOnly } from '../auditor/auditor-only.decorator';
import { CurrentAuditor, type AuditorAtOrigin } from '../auditor/current-auditor.decorator';
import { renderSubjectAccessHtml } from './subject-access-html';
import type { SubjectAccessReport } from './subject-access-report';
import { SubjectExport } from './subject-export';
import { SubjectExportQueryDto } from './subject-export-query.dto';

interface Reply {
  header(name: string, value: string): unknown;
}

@AuditorOnly()
@Controller('v1/audit/clients')
export class SubjectExportController {
  constructor(
    private readonly acts: AuditorActs,
    private readonly exports: SubjectExport,
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
    @CurrentAuditor() auditor: AuditorAtOrigin,
    @Res({ passthrough: true }) reply: Reply,
  ): Promise<SubjectAccessReport | string> {
    const format = query.format ?? 'json';
    const clientId = await this.acts.aboutClient(ref, auditor, {
      action: ACCESS_ACTIONS.export,
      accessPoint: 'GET /v1/audit/clients/{ref}/export',
      detail: { format },
    });
    const report = await this.exports.build(clientId);
    if (format === 'json') return report;
    reply.header('content-type', 'text/html; charset=utf-8');
    // The report holds personal data: nothing may run in it, and nothing may keep a copy.
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    reply.header('cache-control', 'no-store');
    return renderSubjectAccessHtml(report, query.lang ?? 'nl');
  }
}
