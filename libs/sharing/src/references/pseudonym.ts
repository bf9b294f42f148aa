import { createHmac } from 'node:crypto';

/**
 * A partner's stable pseudonym for a client: keyed, so partners cannot link their pseudonyms to
 * each other's or to the hub's client id, yet the same for every delivery to that partner.
 */
export function derivePseudonym(key: Buffer, partnerId: string, clientId: string): string {
  return `psn-${createHmac('sha256', key).update(`${partnerId}\n${clientId}`).digest('hex').slice(0, 32)}`;
}
