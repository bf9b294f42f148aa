import type { EventDataMap } from './event-data-types';
import type { EventType } from './event-type.catalogue';

/**
 * The free-text fields of each type a partner publishes: the intake seals them with the client's
 * key, and every reader opens them again (or shows the redaction marker after erasure).
 */
export const FREE_TEXT_FIELDS: {
  readonly [T in EventType]?: readonly (keyof EventDataMap[T] & string)[];
} = {
  'nl.samenloop.involvement-ended.v1': ['reason'],
  'nl.samenloop.case-lead-assigned.v1': ['reason'],
  'nl.samenloop.visit-held.v1': ['notes'],
  'nl.samenloop.goal-set.v1': ['description'],
  'nl.samenloop.goal-achieved.v1': ['reason'],
  'nl.samenloop.goal-abandoned.v1': ['reason'],
  'nl.samenloop.referral-made.v1': ['reason'],
  'nl.samenloop.referral-accepted.v1': ['reason'],
  'nl.samenloop.referral-declined.v1': ['reason'],
  'nl.samenloop.referral-cancelled.v1': ['reason'],
};

/** The free-text fields of `type`; none for types without any. */
export function freeTextFieldsOf(type: EventType): readonly string[] {
  return FREE_TEXT_FIELDS[type] ?? [];
}
