import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EVENT_TYPES, type EventType } from '@samenloop/domain';
import { Equals, IsIn, IsObject, Matches } from 'class-validator';
import { SOURCE_PATTERN } from './cloud-event.types';
import { IsIdentifier, IsReference, IsRfc3339, IsUri, Optional } from './field.rules';

/**
 * The CloudEvents 1.0 envelope of events.md. Unknown attributes are refused like unknown data
 * fields: CloudEvents lets producers add extension attributes but obliges no consumer to accept
 * them, and what the hub does not need it does not take in (data minimisation).
 */
export class CloudEventDto {
  @ApiProperty({ enum: ['1.0'] })
  @Equals('1.0')
  specversion!: '1.0';

  @ApiProperty({
    minLength: 1,
    maxLength: 128,
    description: 'Chosen by the sender; (source, id) is unique for ever',
  })
  @IsIdentifier()
  id!: string;

  @ApiProperty({
    example: 'urn:samenloop:partner:gemeente-helmond',
    description: 'Must name the authenticated partner',
  })
  @Matches(SOURCE_PATTERN, { message: '$property must be urn:samenloop:partner:<partner id>' })
  source!: string;

  @ApiProperty({ enum: EVENT_TYPES })
  @IsIn(EVENT_TYPES, {
    message: '$property must be one of the nl.samenloop.<name>.v1 types of the event catalogue',
  })
  type!: EventType;

  @ApiProperty({
    minLength: 1,
    maxLength: 200,
    description: 'The client as the sender knows it: its own reference',
  })
  @IsReference()
  subject!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'When it happened (RFC 3339); at most 5 minutes in the future',
  })
  @IsRfc3339()
  time!: string;

  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 128,
    example: 'emp-1234',
    description: 'Extension: the professional at the partner, an opaque id',
  })
  @Optional()
  @IsIdentifier()
  actor?: string;

  @ApiPropertyOptional({ enum: ['application/json'] })
  @Optional()
  @Equals('application/json')
  datacontenttype?: 'application/json';

  @ApiPropertyOptional({ format: 'uri' })
  @Optional()
  @IsUri()
  dataschema?: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The fields of the event type (events.md); unknown fields are refused',
  })
  @IsObject()
  data!: object;
}
