import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

/** Why a client is erased: one line, stored in the `client-erased` event. */
export function IsErasureReason(): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      description: 'Why, for the record (it is stored in the event: no personal data)',
      example: 'request of the data subject (AVG art. 17)',
    }),
    IsString(),
    Length(1, 500),
    Matches(/^[^\n\r]*$/, { message: 'reason must be one line' }),
  );
}
