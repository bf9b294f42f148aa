import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class EraseClientDto {
  @ApiProperty({
    description: 'Why, for the record (it is stored in the event: no personal data)',
    example: 'request of the data subject (AVG art. 17)',
  })
  @IsString()
  @Length(1, 500)
  @Matches(/^[^\n\r]*$/, { message: 'reason must be one line' })
  reason!: string;

  @ApiPropertyOptional({
    description: 'The administrator who erases; `admin` when absent',
    example: 'privacy-officer-1',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/^[^\n\r]*$/, { message: 'actor must be one line' })
  actor?: string;
}

export class ErasureResultView {
  @ApiProperty() clientId!: string;
  @ApiProperty({ description: 'Global position of the client-erased event' }) position!: number;
  @ApiProperty({ format: 'date-time' }) erasedAt!: string;
  @ApiProperty({ description: 'The client had been erased before' }) alreadyErased!: boolean;
}
