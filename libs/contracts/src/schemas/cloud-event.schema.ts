import { CloneType, type Static, Type } from '@sinclair/typebox';
import { PARTNER_ID_PATTERN } from '@samenloop/domain';
import { SCHEMA_BASE_URL, type OutboundEventType } from '../catalogue/outbound-event.catalogue';
import { Identifier, Name, stringEnum } from './field.schema';
import { OUTBOUND_EVENT_TYPES, type OutboundData } from './outbound-event.schema';

const PARTNER_ID = PARTNER_ID_PATTERN.source.replace(/^\^|\$$/g, '');

/** The CloudEvents 1.0 envelope of every event a partner receives. */
export const OutboundCloudEventSchema = Type.Object(
  {
    specversion: Type.Literal('1.0'),
    id: CloneType(Identifier, {
      description: 'the sender’s own id; for the hub’s matches one derived from the signal',
    }),
    source: Type.String({ pattern: `^urn:samenloop:(hub|partner:${PARTNER_ID})$` }),
    type: stringEnum(OUTBOUND_EVENT_TYPES),
    subject: CloneType(Name, {
      description: 'the receiving partner’s own reference for the client',
    }),
    time: Type.String({ format: 'date-time', description: 'when it happened, per the sender' }),
    datacontenttype: Type.Literal('application/json'),
    dataschema: Type.String({ format: 'uri' }),
    cursor: Type.Integer({
      minimum: 0,
      description: 'extension: the position in the hub’s global log, to resume after',
    }),
    actor: Type.Optional(
      CloneType(Identifier, { description: 'extension: the professional at the sender' }),
    ),
    data: Type.Object({}),
  },
  {
    $id: `${SCHEMA_BASE_URL}cloudevent.v1.json`,
    title: 'Samenloop outbound CloudEvent (structured mode)',
    additionalProperties: false,
  },
);

type Envelope = Omit<Static<typeof OutboundCloudEventSchema>, 'type' | 'data'>;

export type OutboundCloudEventOf<T extends OutboundEventType> = Envelope & {
  type: T;
  data: OutboundData<T>;
};

export type OutboundCloudEvent = {
  [T in OutboundEventType]: OutboundCloudEventOf<T>;
}[OutboundEventType];
