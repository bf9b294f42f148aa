import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class ProblemFieldError {
  @ApiProperty({ example: 'subject.reference' })
  path!: string;

  @ApiProperty({ example: 'reference must be a string' })
  message!: string;
}

/** The OpenAPI schema of every error response; it shows up as `Problem` in the document. */
export class Problem {
  @ApiProperty({ format: 'uri', example: 'https://samenloop.nl/problems/not-found' })
  type!: string;

  @ApiProperty({ example: 'Not found' })
  title!: string;

  @ApiProperty({ example: 404 })
  status!: number;

  @ApiPropertyOptional({ example: 'Cannot GET /nope' })
  detail?: string;

  @ApiProperty({ format: 'uri-reference', example: '/nope' })
  instance!: string;

  @ApiPropertyOptional({ type: [ProblemFieldError] })
  errors?: ProblemFieldError[];
}
