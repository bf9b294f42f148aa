import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length, Matches } from 'class-validator';
import { IsErasureReason } from './erasure-reason.decorator';

export class EraseClientDto {
  @IsErasureReason()
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
