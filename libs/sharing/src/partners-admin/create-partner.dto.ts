import { ApiProperty } from '@nestjs/swagger';
import { PARTNER_ID_PATTERN, PARTNER_KINDS, type PartnerKind } from '@samenloop/domain';
import { IsIn, IsString, Length, Matches } from 'class-validator';

export class CreatePartnerDto {
  @ApiProperty({ example: 'ggz-oost', pattern: PARTNER_ID_PATTERN.source })
  @IsString()
  @Matches(PARTNER_ID_PATTERN, {
    message:
      'id must be 1-64 lower-case letters, digits or dashes, starting and ending with a letter or digit',
  })
  id!: string;

  @ApiProperty({ enum: PARTNER_KINDS })
  @IsIn(PARTNER_KINDS)
  kind!: PartnerKind;

  @ApiProperty({ example: 'GGZ Oost-Brabant' })
  @IsString()
  @Length(1, 200)
  name!: string;
}
