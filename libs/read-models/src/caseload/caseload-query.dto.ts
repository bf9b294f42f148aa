import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { CaseloadQuery, SignalRule } from '@samenloop/contracts';
import { SIGNAL_CATEGORY } from '../signals/signal.view';
import { LangQueryDto } from '../viewer/lang.dto';

const SCOPES = ['mine', 'involved'] as const;
const STATUSES = ['open', 'closed'] as const;
const SORTS = ['reference', 'lastContactAt', 'currentRung', 'signals', 'openReferrals'] as const;
const ORDERS = ['asc', 'desc'] as const;
const RULES = Object.keys(SIGNAL_CATEGORY) as SignalRule[];

export const MAX_CASELOAD_PAGE = 500;

export class CaseloadQueryDto extends LangQueryDto implements CaseloadQuery {
  @ApiPropertyOptional({ enum: SCOPES, default: 'involved' })
  @IsOptional()
  @IsIn(SCOPES)
  scope?: (typeof SCOPES)[number];

  @ApiPropertyOptional({ enum: STATUSES, description: 'Erased clients show under neither.' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ enum: RULES })
  @IsOptional()
  @IsIn(RULES)
  signal?: SignalRule;

  @ApiPropertyOptional({ description: 'Part of the client reference, any case' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ enum: SORTS, default: 'signals' })
  @IsOptional()
  @IsIn(SORTS)
  sort?: (typeof SORTS)[number];

  @ApiPropertyOptional({ enum: ORDERS, description: 'asc for reference, desc for the others' })
  @IsOptional()
  @IsIn(ORDERS)
  order?: (typeof ORDERS)[number];

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: MAX_CASELOAD_PAGE })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_CASELOAD_PAGE)
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
