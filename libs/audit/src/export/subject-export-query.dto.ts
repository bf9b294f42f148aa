import { ApiPropertyOptional } from '@nestjs/swagger';
import { LANGS, type Lang } from '@samenloop/domain';
import { IsIn, IsOptional } from 'class-validator';

export class SubjectExportQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'html'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'html'])
  format?: 'json' | 'html';

  @ApiPropertyOptional({
    enum: LANGS,
    default: 'nl',
    description: 'The language of the HTML report: Dutch or English',
  })
  @IsOptional()
  @IsIn(LANGS)
  lang?: Lang;
}
