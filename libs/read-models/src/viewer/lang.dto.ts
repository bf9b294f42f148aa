import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { LANGS, type Lang } from '@samenloop/domain';

/** `lang=nl|en` for the one-line summaries; Dutch by default. */
export class LangQueryDto {
  @ApiPropertyOptional({ enum: LANGS, default: 'nl' })
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;
}
