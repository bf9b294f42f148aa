import { randomInt, randomUUID } from 'node:crypto';
import type { EventName } from '@samenloop/domain';
import {
  CLOUDEVENTS_BATCH_MEDIA_TYPE,
  CLOUDEVENTS_MEDIA_TYPE,
  sourceOf,
} from '@samenloop/contracts';
import type { HubHarness, HubResponse, TestPartner } from './hub.harness';

export type CloudEventJson = Record<string, unknown>;

/** A random nine-digit number passing the eleven test. */
export function validBsn(): string {
  for (;;) {
    const digits = Array.from({ length: 8 }, () => randomInt(10));
    const check = digits.reduce((sum, digit, index) => sum + digit * (9 - index), 0) % 11;
    if (check < 10) return [...digits, check].join('');
  }
}

/** A valid CloudEvent of `partner` about the client it calls `subject`; `changes` override. */
export function cloudEvent(
  partner: Pick<TestPartner, 'id'>,
  name: EventName,
  subject: string,
  data: object,
  changes: CloudEventJson = {},
): CloudEventJson {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: sourceOf(partner.id),
    type: `nl.samenloop.${name}.v1`,
    subject,
    time: new Date(Date.now() - 60_000).toISOString(),
    actor: 'emp-1234',
    datacontenttype: 'application/json',
    data,
    ...changes,
  };
}

export function enrolmentData(bsn: string = validBsn()): object {
  return {
    municipality: 'GM0794',
    profile: 'social-activation',
    startRung: 1,
    person: { givenName: 'Anna', familyName: 'de Vries', birthDate: '1975-04-30', bsn },
  };
}

export function publish(
  hub: HubHarness,
  partner: TestPartner,
  event: CloudEventJson,
): Promise<HubResponse> {
  return hub.post('/v1/events', event, {
    token: partner.token,
    contentType: CLOUDEVENTS_MEDIA_TYPE,
  });
}

export function publishBatch(
  hub: HubHarness,
  partner: TestPartner,
  events: readonly CloudEventJson[],
): Promise<HubResponse> {
  return hub.post('/v1/events', events, {
    token: partner.token,
    contentType: CLOUDEVENTS_BATCH_MEDIA_TYPE,
  });
}

export interface EnrolledClient {
  /** The municipality's reference. */
  subject: string;
  bsn: string;
  clientId: string;
}

/** Enrols a new client through the API, as `municipality`. */
export async function enrolClient(
  hub: HubHarness,
  municipality: TestPartner,
): Promise<EnrolledClient> {
  const subject = `GM-${randomUUID()}`;
  const bsn = validBsn();
  const response = await publish(
    hub,
    municipality,
    cloudEvent(municipality, 'client-enrolled', subject, enrolmentData(bsn)),
  );
  if (response.status !== 201) {
    throw new Error(`enrolment failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  const clientId = await hub.clientOf(municipality, subject);
  return { subject, bsn, clientId: clientId! };
}
