import { randomUUID } from 'node:crypto';
import { CLOUDEVENTS_BATCH_MEDIA_TYPE, CLOUDEVENTS_MEDIA_TYPE } from '@samenloop/contracts';
import { cloudEvent, type CloudEventJson, enrolmentData, validBsn } from '@samenloop/testing';
import type { HubHarness, HubResponse, TestPartner } from './hub-harness';

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
