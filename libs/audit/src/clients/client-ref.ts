/**
 * How auditors name a client: the hub's client id (a UUID; it keeps working after erasure), or a
 * partner's reference as `partnerId:reference` (partner ids have no colon, references may).
 */
export type ClientRef =
  | { kind: 'client-id'; clientId: string }
  | { kind: 'partner-reference'; partnerId: string; reference: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PARTNER_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;

export function parseClientRef(text: string): ClientRef | undefined {
  const trimmed = text.trim();
  if (UUID.test(trimmed)) return { kind: 'client-id', clientId: trimmed.toLowerCase() };
  const colon = trimmed.indexOf(':');
  if (colon < 0) return undefined;
  const partnerId = trimmed.slice(0, colon);
  const reference = trimmed.slice(colon + 1);
  if (!PARTNER_ID.test(partnerId) || reference === '' || reference.length > 200) return undefined;
  return { kind: 'partner-reference', partnerId, reference };
}
