import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import type { SignInRequest } from '@samenloop/contracts';

export class SignInDto implements SignInRequest {
  @ApiProperty({ example: 'lead@gemeente-helmond' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  username!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  password!: string;
}
