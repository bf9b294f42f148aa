import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import type { OutcomesQuery } from '@samenloop/contracts';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class OutcomesQueryDto implements OutcomesQuery {
  @ApiPropertyOptional({ example: 'GM0794', description: 'CBS municipality code' })
  @IsOptional()
  @Matches(/^GM\d{4}$/, { message: 'municipality must be a CBS code such as GM0794' })
  municipality?: string;

  @ApiPropertyOptional({ example: '2025-01-01', description: 'First day of enrolment (inclusive)' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ example: '2025-12-31', description: 'Last day (inclusive)' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to?: string;
}
