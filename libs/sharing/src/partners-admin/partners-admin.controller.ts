import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  ApiAdminToken,
  ApiProblemResponse,
  ProblemException,
  fieldProblem,
} from '@samenloop/platform';
import { AdminAuthGuard } from '../auth/admin-auth.guard';
import {
  InvalidPartnerError,
  PartnerExistsError,
  UnknownPartnerError,
} from '../partners/partner.errors';
import { PartnerRegistry } from '../partners/partner-registry';
import { CreatePartnerDto } from './create-partner.dto';
import { IssuedTokenView, PartnerView } from './partner.view';

@ApiTags('admin')
@ApiAdminToken()
@ApiProblemResponse(401, 'Missing or wrong administrator token')
@UseGuards(AdminAuthGuard)
@Controller('v1/admin/partners')
export class PartnersAdminController {
  constructor(private readonly partners: PartnerRegistry) {}

  @Post()
  @ApiCreatedResponse({ type: IssuedTokenView })
  @ApiProblemResponse(400, 'Invalid id, kind or name')
  @ApiProblemResponse(409, 'A partner with this id exists')
  async create(@Body() body: CreatePartnerDto): Promise<IssuedTokenView> {
    const { partner, token } = await this.partners.add(body).catch(asProblem);
    return { id: partner.id, token };
  }

  @Get()
  @ApiOkResponse({ type: [PartnerView] })
  async list(): Promise<PartnerView[]> {
    return (await this.partners.list()).map(PartnerView.of);
  }

  @Post(':id/rotate')
  @HttpCode(200)
  @ApiOkResponse({ type: IssuedTokenView })
  @ApiProblemResponse(404, 'No active partner with this id')
  async rotate(@Param('id') id: string): Promise<IssuedTokenView> {
    return { id, token: await this.partners.rotate(id).catch(asProblem) };
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiProblemResponse(404, 'No active partner with this id')
  async revoke(@Param('id') id: string): Promise<void> {
    await this.partners.revoke(id).catch(asProblem);
  }
}

function asProblem(error: unknown): never {
  if (error instanceof PartnerExistsError) {
    throw problem(error, 409, 'partner-exists', 'Partner exists');
  }
  if (error instanceof UnknownPartnerError) {
    throw problem(error, 404, 'unknown-partner', 'Unknown partner');
  }
  if (error instanceof InvalidPartnerError) {
    throw fieldProblem(error.field, error.message, error.message);
  }
  throw error;
}

function problem(error: Error, status: number, type: string, title: string): ProblemException {
  return new ProblemException({ status, type, title, detail: error.message });
}
