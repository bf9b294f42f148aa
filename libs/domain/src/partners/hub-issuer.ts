import type { EventType } from '../catalogue/event-type.catalogue';
import { ADMIN_PARTNER_ID } from '../client-case/client-case-event';
import { PUBLISH_PERMISSIONS } from './publish.policy';

/**
 * Ids no partner may be registered under: names that read as the hub itself or its operators, in
 * events, feeds, logs and the dashboard. The only list; registration, the demo seeder and the
 * start-up check all ask {@link isReservedPartnerId}.
 */
export const RESERVED_PARTNER_IDS: readonly string[] = [
  ADMIN_PARTNER_ID,
  'administrator',
  'hub',
  'samenloop',
  'system',
  'root',
  'operator',
  'auditor',
  'retention',
  'internal',
  'anonymous',
  'unknown',
  'everyone',
  'all',
  'none',
  'null',
  'undefined',
];

export function isReservedPartnerId(id: string): boolean {
  return RESERVED_PARTNER_IDS.includes(id);
}

/**
 * Whether the hub itself issued a stored event rather than a partner. An id proves nothing (a
 * partner could once register as `admin`): only a type no partner kind may publish counts, as the
 * decider refuses every partner command of such a type, so no partner can produce one whatever its
 * id. The hub's events stored before ids were reserved have that same shape and read the same way.
 */
export function isHubIssued(event: { type: EventType; partnerId: string }): boolean {
  return event.partnerId === ADMIN_PARTNER_ID && PUBLISH_PERMISSIONS[event.type].length === 0;
}
