import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OUTBOUND_EVENT_TYPES } from '@samenloop/contracts';
import { DATA_CATEGORIES, type DataCategory } from '@samenloop/domain';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsIn, IsOptional } from 'class-validator';
import { IsWebhookUrl } from './webhook-url-validator';

export class CreateSubscriptionDto {
  @ApiProperty({ example: 'https://partner.example.nl/samenloop/webhooks' })
  @IsWebhookUrl()
  url!: string;

  @ApiPropertyOptional({
    enum: OUTBOUND_EVENT_TYPES,
    isArray: true,
    description: 'Only these types (or those of `categories`); all when neither is given',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(OUTBOUND_EVENT_TYPES.length)
  @IsIn(OUTBOUND_EVENT_TYPES, { each: true })
  types?: string[];

  @ApiPropertyOptional({
    enum: DATA_CATEGORIES,
    isArray: true,
    description: 'Only types of these categories (or those of `types`); all when neither is given',
  })
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(DATA_CATEGORIES.length)
  @IsIn(DATA_CATEGORIES, { each: true })
  categories?: DataCategory[];
}
