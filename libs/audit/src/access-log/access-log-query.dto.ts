import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ACCESS_CHANNEL_NAMES, type ACCESS_CHANNELS } from '@samenloop/privacy';

export class AccessLogQueryDto {
  @ApiPropertyOptional({ description: 'The hub client id, or `partnerId:reference`' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  client?: string;

  @ApiPropertyOptional({ description: 'The user who accessed' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  user?: string;

  @ApiPropertyOptional({ description: 'The partner the user works for or that received data' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  partner?: string;

  @ApiPropertyOptional({ example: 'timeline.view' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  action?: string;

  @ApiPropertyOptional({ enum: ACCESS_CHANNEL_NAMES, description: 'The channel of the access' })
  @IsOptional()
  @IsIn(ACCESS_CHANNEL_NAMES)
  channel?: keyof typeof ACCESS_CHANNELS;

  @ApiPropertyOptional({ description: 'From this time (inclusive, RFC 3339)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'Until this time (exclusive, RFC 3339)' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `next` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  after?: string;
}
