import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Min } from 'class-validator';

export class ReplaySubscriptionDto {
  @ApiProperty({
    example: 0,
    description: 'Deliver again everything after this cursor (0: from the start)',
  })
  @IsInt()
  @Min(0)
  from!: number;
}
