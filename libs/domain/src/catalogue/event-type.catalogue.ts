/** The names of catalogue v1; partners depend on them, so entries are only ever added. */
export const EVENT_NAMES = [
  'client-enrolled',
  'client-reference-linked',
  'involvement-signalled',
  'involvement-ended',
  'case-lead-assigned',
  'contact-attempted',
  'visit-held',
  'life-areas-assessed',
  'goal-set',
  'goal-achieved',
  'goal-abandoned',
  'referral-made',
  'referral-accepted',
  'referral-declined',
  'referral-completed',
  'referral-cancelled',
  'ladder-step-reached',
  'consent-granted',
  'consent-withdrawn',
  'case-closed',
  'client-erased',
  'involvement-confirmed',
] as const;

export type EventName = (typeof EVENT_NAMES)[number];

/** Stable wire name, independent of any class name so that refactoring never renames an event. */
export type EventType<N extends EventName = EventName> = `nl.samenloop.${N}.v1`;

export function eventType<N extends EventName>(name: N): EventType<N> {
  return `nl.samenloop.${name}.v1`;
}

export const EVENT_TYPES: readonly EventType[] = EVENT_NAMES.map(eventType);

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
