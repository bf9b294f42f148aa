import { randomUUID } from 'node:crypto';
import type { EventName } from '@samenloop/domain';
import { sourceOf } from '@samenloop/contracts';
import { validBsn } from './test-bsn';

export type CloudEventJson = Record<string, unknown>;

/**
 * A valid CloudEvent, as a partner posts it, of `partner` about the client it calls `subject`,
 * made a minute ago by one of its employees; `changes` override any attribute.
 */
export function cloudEvent(
  partner: { readonly id: string },
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

/** The data of a `client-enrolled` event about Anna de Vries, with `bsn`. */
export function enrolmentData(bsn: string = validBsn()): object {
  return {
    municipality: 'GM0794',
    profile: 'social-activation',
    startRung: 1,
    person: { givenName: 'Anna', familyName: 'de Vries', birthDate: '1975-04-30', bsn },
  };
}
