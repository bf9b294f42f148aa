import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsErasureReason } from '../erasure/erasure-reason.decorator';

export class ErasureRequestDto {
  @ApiProperty({ description: 'The hub client id, or `partnerId:reference`' })
  @IsString()
  @MaxLength(300)
  client!: string;

  @IsErasureReason()
  reason!: string;
}
