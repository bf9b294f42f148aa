/**
 * What the intake bench sends: one municipality partner made through the admin API, its clients
 * enrolled through the batch endpoint, then `contact-attempted` CloudEvents about them in turn,
 * each a new event id, alone or as a batch.
 */
import { CLOUDEVENTS_BATCH_MEDIA_TYPE } from '@samenloop/contracts';
import { cloudEvent, enrolmentData, nextBsn } from '@samenloop/testing';
import { whole } from './intake-report';

export const PARTNER_ID = 'bench-gemeente';
const PARTNER = { id: PARTNER_ID };
export const CONTACT_TYPE = 'nl.samenloop.contact-attempted.v1';
const ENROL_BATCH = 500;
const ENROL_BATCHES_AT_ONCE = 2;

export async function createPartner(url: string, adminToken: string): Promise<string> {
  const response = await fetch(`${url}/v1/admin/partners`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ id: PARTNER_ID, kind: 'municipality', name: 'Bench municipality' }),
  });
  if (response.status !== 201) {
    throw new Error(`creating the partner: ${response.status} ${await response.text()}`);
  }
  return ((await response.json()) as { token: string }).token;
}

/** Enrols `clients` clients through the batch endpoint; returns the partner's references. */
export async function enrolClients(
  url: string,
  token: string,
  clients: number,
  log: (line: string) => void,
): Promise<string[]> {
  const started = Date.now();
  const references = Array.from({ length: clients }, (_, index) => `GM-BENCH-${index}`);
  let bsnSeed = 10_000_000;
  const enrolment = (reference: string) => {
    const [bsn, seed] = nextBsn(bsnSeed);
    bsnSeed = seed;
    return JSON.stringify(cloudEvent(PARTNER, 'client-enrolled', reference, enrolmentData(bsn)));
  };
  const queue: string[] = [];
  for (let at = 0; at < references.length; at += ENROL_BATCH) {
    queue.push(
      `[${references
        .slice(at, at + ENROL_BATCH)
        .map(enrolment)
        .join(',')}]`,
    );
  }
  const worker = async () => {
    for (let body = queue.shift(); body !== undefined; body = queue.shift()) {
      const response = await fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': CLOUDEVENTS_BATCH_MEDIA_TYPE, authorization: `Bearer ${token}` },
        body,
      });
      const answer = (await response.json()) as { results?: { status: number }[] };
      const refused = (answer.results ?? []).filter(({ status }) => status !== 201);
      if (response.status !== 200 || refused.length > 0) {
        throw new Error(`enrolment failed: ${response.status} ${JSON.stringify(answer)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: ENROL_BATCHES_AT_ONCE }, worker));
  log(`enrolled ${whole(clients)} clients in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return references;
}

/** Bodies of `contact-attempted` events about the clients in turn, `perBody` events each. */
export function contactBodies(references: readonly string[], perBody: number): () => string {
  let next = 0;
  const contact = () =>
    JSON.stringify(
      cloudEvent(PARTNER, 'contact-attempted', references[next++ % references.length]!, {
        channel: 'phone',
        outcome: 'no-answer',
      }),
    );
  return perBody === 1 ? contact : () => `[${Array.from({ length: perBody }, contact).join(',')}]`;
}
