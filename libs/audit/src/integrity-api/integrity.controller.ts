import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ApiProblemResponse } from '@samenloop/platform';
import { Pool } from 'pg';
import { ACCESS_ACTIONS } from '@samenloop/privacy';
import type { IntegrityView, VerificationRun } from '../audit.contract';
import { auditProblem } from '../audit.problems';
import { AuditorActs } from '../auditor/auditor-acts';
import { AuditorOnly } from '../auditor/auditor-only.decorator';
import { CurrentAuditor, type AuditorAtOrigin } from '../auditor/current-auditor.decorator';
import { Sealer } from '../integrity/sealer';
import { IntegrityRuns } from './integrity-runs';

@AuditorOnly()
@Controller('v1/audit/integrity')
export class IntegrityController {
  constructor(
    private readonly sealer: Sealer,
    private readonly runs: IntegrityRuns,
    private readonly acts: AuditorActs,
    private readonly pool: Pool,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The latest signed seal: Merkle root, signature and key' })
  @ApiOkResponse({ description: '`seal`, null before the first', schema: { type: 'object' } })
  async latest(@CurrentAuditor() auditor: AuditorAtOrigin): Promise<IntegrityView> {
    await this.acts.log(auditor, {
      action: ACCESS_ACTIONS.integrityRead,
      clientId: null,
      accessPoint: 'GET /v1/audit/integrity',
    });
    const seal = await this.sealer.latest();
    if (!seal) return { seal: null };
    const { rows } = await this.pool.query<{ public_key: string }>(
      'SELECT public_key FROM seal_keys WHERE key_id = $1',
      [seal.keyId],
    );
    const { id, toPosition, treeSize, merkleRoot, signature, keyId, createdAt } = seal;
    return {
      seal: {
        ...{ id, toPosition, treeSize, merkleRoot, signature, keyId },
        publicKey: rows[0]?.public_key ?? null,
        createdAt: createdAt.toISOString(),
      },
    };
  }

  @Post('verifications')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Start verifying every hash chain, seal and the access log',
    description:
      'The checks of `samenloop audit verify`, run in the background; poll the run for its ' +
      'progress and the first broken link. While one runs, starting returns that one.',
  })
  @ApiOkResponse({ description: 'VerificationRun', schema: { type: 'object' } })
  async start(@CurrentAuditor() auditor: AuditorAtOrigin): Promise<VerificationRun> {
    await this.acts.log(auditor, {
      action: ACCESS_ACTIONS.verify,
      clientId: null,
      accessPoint: 'POST /v1/audit/integrity/verifications',
    });
    return this.runs.start(auditor.user);
  }

  @Get('verifications/:id')
  @ApiOperation({ summary: 'A verification’s progress, and its outcome once done' })
  @ApiOkResponse({ description: 'VerificationRun', schema: { type: 'object' } })
  @ApiProblemResponse(404, 'unknown-verification')
  run(@Param('id', new ParseUUIDPipe()) id: string): VerificationRun {
    const run = this.runs.find(id);
    if (!run) throw auditProblem('unknown-verification', 'no verification by this id runs here');
    return run;
  }
}
