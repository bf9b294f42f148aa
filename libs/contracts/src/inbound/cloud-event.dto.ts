import { EVENT_TYPES, type EventType } from '@samenloop/domain';
import { Equals, IsIn, IsObject, Matches } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';
import { DATA_MEDIA_TYPE, SOURCE_PATTERN } from './cloud-event-types';
import { IsIdentifier, IsReference, IsRfc3339, IsUri, Optional } from './field.rules';

/**
 * The CloudEvents 1.0 envelope (docs/inbound.md). Unknown attributes are refused like unknown data
 * fields: CloudEvents lets producers add extension attributes but obliges no consumer to accept
 * them, and what the hub does not need it does not take in (data minimisation).
 */
export class CloudEventDto {
  @Equals('1.0')
  specversion!: '1.0';

  @JSONSchema({ description: 'Chosen by the sender; (source, id) is unique for ever' })
  @IsIdentifier()
  id!: string;

  @JSONSchema({
    description: 'urn:samenloop:partner:<your partner id>: must name the authenticated partner',
  })
  @Matches(SOURCE_PATTERN, { message: '$property must be urn:samenloop:partner:<partner id>' })
  source!: string;

  @IsIn(EVENT_TYPES, {
    message: '$property must be one of the nl.samenloop.<name>.v1 types of the event catalogue',
  })
  type!: EventType;

  @JSONSchema({ description: 'The client as the sender knows it: its own reference' })
  @IsReference()
  subject!: string;

  @JSONSchema({
    description: 'When it happened (RFC 3339); at most 5 minutes ahead of the hub (the hub checks)',
  })
  @IsRfc3339()
  time!: string;

  @JSONSchema({ description: 'Extension: the professional at the partner, an opaque id' })
  @Optional()
  @IsIdentifier()
  actor?: string;

  @Optional()
  @Equals(DATA_MEDIA_TYPE)
  datacontenttype?: typeof DATA_MEDIA_TYPE;

  @Optional()
  @IsUri()
  dataschema?: string;

  @JSONSchema({ description: 'The fields of the event type; unknown fields are refused' })
  @IsObject()
  data!: object;
}
