import {
  PARTNER_ID_PATTERN,
  type ClientEnrolledData,
  type EventDataMap,
  type EventType,
  type LifeAreasAssessedData,
} from '@samenloop/domain';

export const CLOUDEVENTS_MEDIA_TYPE = 'application/cloudevents+json';
export const CLOUDEVENTS_BATCH_MEDIA_TYPE = 'application/cloudevents-batch+json';
/** The media type of an event's `data`: its `datacontenttype`, and the body of binary mode. */
export const DATA_MEDIA_TYPE = 'application/json';

type EnrolledType = 'nl.samenloop.client-enrolled.v1';
type SignalledType = 'nl.samenloop.involvement-signalled.v1';
type AssessedType = 'nl.samenloop.life-areas-assessed.v1';

/** The person as the enrolling municipality sends it; the intake seals it before it is stored. */
export interface PersonData {
  givenName: string;
  familyName: string;
  /** YYYY-MM-DD. */
  birthDate: string;
  bsn?: string;
}

/**
 * What partners send differs from the stored event data only where the intake protects or
 * completes it: the person arrives in clear, the signal carries the BSN itself, and the instrument
 * of an assessment may be left to its default.
 */
export type WireDataMap = Omit<EventDataMap, EnrolledType | SignalledType | AssessedType> & {
  [K in EnrolledType]: Omit<ClientEnrolledData, 'person' | 'reference'> & {
    person: PersonData;
  };
} & { [K in SignalledType]: { bsn: string } } & {
  [K in AssessedType]: Omit<LifeAreasAssessedData, 'instrument'> & { instrument?: string };
};

/** The `data` a partner sends for a type; an alias so that DTO classes can implement it. */
export type WireData<T extends EventType> = WireDataMap[T];

/** A validated inbound CloudEvent of catalogue v1 (docs/inbound.md). */
export interface CloudEventOf<T extends EventType> {
  specversion: '1.0';
  id: string;
  source: string;
  type: T;
  /** The client as the sender knows it: its own reference. */
  subject: string;
  time: string;
  actor?: string;
  datacontenttype?: 'application/json';
  dataschema?: string;
  data: WireDataMap[T];
}

export type CloudEvent = { [T in EventType]: CloudEventOf<T> }[EventType];

const SOURCE_PREFIX = 'urn:samenloop:partner:';

/** `urn:samenloop:partner:` and a partner id. */
export const SOURCE_PATTERN = new RegExp(`^${SOURCE_PREFIX}${PARTNER_ID_PATTERN.source.slice(1)}`);

/** The CloudEvents `source` of everything a partner publishes. */
export function sourceOf(partnerId: string): string {
  return `${SOURCE_PREFIX}${partnerId}`;
}
