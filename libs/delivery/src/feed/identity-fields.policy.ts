import { OUTBOUND_EVENT_SCHEMAS } from '@samenloop/contracts';
import type { Delivery } from '@samenloop/sharing';

const PERSON_FIELDS: readonly string[] = Object.keys(
  OUTBOUND_EVENT_SCHEMAS['nl.samenloop.client-enrolled.v1'].properties.person.anyOf[0].properties,
);

/**
 * The fields of the sealed person a receiver may see, as an allow-list from the published schema:
 * a field added to the sealed person later stays in the hub until the schema names it.
 */
export function identityFieldsOf(data: unknown, entitlement: Delivery): string[] | null {
  const sealed = (data as { person?: unknown } | null)?.person;
  const { omitFields } = entitlement;
  if (sealed === undefined || omitFields.includes('person')) return null;
  return PERSON_FIELDS.filter((field) => !omitFields.includes(`person.${field}`));
}

/** The person of an event's data as the intake sealed it, if it has one. */
export function sealedPersonOf(data: unknown): string | undefined {
  const sealed = (data as { person?: { sealed?: unknown } } | null)?.person?.sealed;
  return typeof sealed === 'string' ? sealed : undefined;
}

/** The entitlement to build the stored event with: the person is added at read time. */
export function withoutPerson(entitlement: Delivery): Delivery {
  return { ...entitlement, omitFields: [...new Set([...entitlement.omitFields, 'person'])] };
}
