import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ClientStateQueryDto {
  @ApiPropertyOptional({
    description:
      'A global-log position (events at or before it) or an RFC 3339 time (events the hub had ' +
      'recorded by then); now when absent',
    examples: ['1234', '2026-03-01T10:00:00Z'],
  })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  asOf?: string;
}
