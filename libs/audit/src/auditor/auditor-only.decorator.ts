import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { ApiProblemResponse } from '@samenloop/platform';
import { AuditorGuard } from './auditor.guard';

/** A controller of the audit API: signed-in auditors only, documented as such. */
export function AuditorOnly(): ClassDecorator {
  return applyDecorators(
    ApiTags('audit'),
    ApiCookieAuth(),
    ApiProblemResponse(401, 'Not signed in as an auditor'),
    ApiProblemResponse(403, 'not-auditor'),
    UseGuards(AuditorGuard),
  );
}
