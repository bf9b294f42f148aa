import { Body, Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAdminToken, ApiProblemResponse } from '@samenloop/platform';
import { AdminAuthGuard } from '@samenloop/sharing';
import { ClientLocator } from '../clients/client-locator';
import { asAuditProblem } from '../clients/client.problems';
import { ClientErasure } from './client-erasure';
import { EraseClientDto, ErasureResultView } from './erase-client.dto';

@ApiTags('admin')
@ApiAdminToken()
@ApiProblemResponse(401, 'Missing or wrong administrator token')
@UseGuards(AdminAuthGuard)
@Controller('v1/admin/clients')
export class ErasureController {
  constructor(
    private readonly locator: ClientLocator,
    private readonly erasure: ClientErasure,
  ) {}

  @Post(':ref/erase')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Erase a client (right to erasure)',
    description:
      '`ref` is the hub client id or `partnerId:reference`. Appends `client-erased`, destroys ' +
      'the client’s data key and forgets its BSN hash: no personal data of the client can be ' +
      'decrypted afterwards. Erasing again answers the first erasure.',
  })
  @ApiOkResponse({ type: ErasureResultView })
  @ApiProblemResponse(400, 'validation-failed or invalid-client-reference')
  @ApiProblemResponse(404, 'unknown-client')
  async erase(
    @Param('ref') ref: string,
    @Body() body: EraseClientDto,
    @Req() request: { id: string; ip?: string },
  ): Promise<ErasureResultView> {
    const clientId = await this.locator.locate(ref).catch(asAuditProblem);
    return this.erasure
      .erase({
        clientId,
        reason: body.reason,
        actor: body.actor ?? 'admin',
        authorisation: { basis: 'role', reference: 'admin' },
        accessPoint: 'POST /v1/admin/clients/{ref}/erase',
        ...(request.ip === undefined ? {} : { origin: request.ip }),
        correlationId: request.id,
      })
      .catch(asAuditProblem);
  }
}
