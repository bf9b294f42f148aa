import type { DataCategory } from './data-category.catalogue';
import type { EventDataMap } from './event-data-types';
import type { EventType } from './event-type.catalogue';

export interface EventCategoryRule<T extends EventType> {
  /** A partner not entitled to this category receives nothing of the event. */
  readonly category: DataCategory;
  /** Fields of another category, stripped when only that category may not flow. */
  readonly fields: { readonly [F in keyof EventDataMap[T]]?: DataCategory };
}

/**
 * A partner's own reference counts as identity: handing it to another partner would let the two
 * link their records without the hub.
 */
export const EVENT_CATEGORIES: { readonly [T in EventType]: EventCategoryRule<T> } = {
  'nl.samenloop.client-enrolled.v1': {
    category: 'involvement',
    fields: { person: 'identity', reference: 'identity' },
  },
  'nl.samenloop.client-reference-linked.v1': {
    category: 'involvement',
    fields: { reference: 'identity' },
  },
  'nl.samenloop.involvement-signalled.v1': { category: 'involvement', fields: {} },
  'nl.samenloop.involvement-ended.v1': { category: 'involvement', fields: { reason: 'content' } },
  'nl.samenloop.involvement-confirmed.v1': { category: 'involvement', fields: {} },
  'nl.samenloop.case-lead-assigned.v1': { category: 'involvement', fields: { reason: 'content' } },
  'nl.samenloop.contact-attempted.v1': { category: 'contact', fields: {} },
  'nl.samenloop.visit-held.v1': { category: 'contact', fields: { notes: 'content' } },
  'nl.samenloop.life-areas-assessed.v1': { category: 'assessment', fields: {} },
  'nl.samenloop.goal-set.v1': { category: 'assessment', fields: { description: 'content' } },
  'nl.samenloop.goal-achieved.v1': { category: 'assessment', fields: { reason: 'content' } },
  'nl.samenloop.goal-abandoned.v1': { category: 'assessment', fields: { reason: 'content' } },
  'nl.samenloop.referral-made.v1': { category: 'referral', fields: { reason: 'content' } },
  'nl.samenloop.referral-accepted.v1': { category: 'referral', fields: { reason: 'content' } },
  'nl.samenloop.referral-declined.v1': { category: 'referral', fields: { reason: 'content' } },
  'nl.samenloop.referral-completed.v1': { category: 'referral', fields: {} },
  'nl.samenloop.referral-cancelled.v1': { category: 'referral', fields: { reason: 'content' } },
  'nl.samenloop.ladder-step-reached.v1': { category: 'assessment', fields: {} },
  'nl.samenloop.consent-granted.v1': { category: 'involvement', fields: {} },
  'nl.samenloop.consent-withdrawn.v1': { category: 'involvement', fields: {} },
  'nl.samenloop.case-closed.v1': { category: 'involvement', fields: {} },
  'nl.samenloop.client-erased.v1': { category: 'identity', fields: { reason: 'content' } },
};

function fieldCategories(type: EventType): [string, DataCategory][] {
  return Object.entries(EVENT_CATEGORIES[type].fields as Record<string, DataCategory>);
}

/** Every category an event of this type can touch, the event's own first. */
export function categoriesOf(type: EventType): DataCategory[] {
  const categories = [EVENT_CATEGORIES[type].category, ...fieldCategories(type).map(([, c]) => c)];
  return [...new Set(categories)];
}

/** The data fields of this type that belong to `category` (e.g. the `content` fields to redact). */
export function fieldsOfCategory(type: EventType, category: DataCategory): string[] {
  return fieldCategories(type)
    .filter(([, c]) => c === category)
    .map(([field]) => field);
}
