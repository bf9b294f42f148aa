import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { AS_OF_CLOCKS, type AsOfClock } from './as-of';

export class ClientStateQueryDto {
  @ApiPropertyOptional({
    description:
      'A global-log position (events at or before it) or an RFC 3339 time (events the hub had ' +
      'recorded by then); now when absent',
    // As a query parameter it is a parameter's map of named examples, not a schema's list.
    examples: {
      position: { value: '1234' },
      time: { value: '2026-03-01T10:00:00Z' },
    },
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  asOf?: string;

  @ApiPropertyOptional({
    enum: AS_OF_CLOCKS,
    default: 'recorded',
    description:
      'Which clock a time `asOf` reads: `recorded` (what the hub had recorded by then) or ' +
      '`happened` (what had taken place by then, by the events’ `occurredAt`, late reports included)',
  })
  @IsOptional()
  @IsIn(AS_OF_CLOCKS)
  by?: AsOfClock;
}
