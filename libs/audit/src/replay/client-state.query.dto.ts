import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

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
}
