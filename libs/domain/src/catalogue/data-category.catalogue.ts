/** What sharing agreements and consent are about (docs/inbound.md, "Data categories"). */
export const DATA_CATEGORIES = [
  'identity',
  'involvement',
  'contact',
  'assessment',
  'referral',
  'content',
] as const;

export type DataCategory = (typeof DATA_CATEGORIES)[number];

export function isDataCategory(value: unknown): value is DataCategory {
  return (DATA_CATEGORIES as readonly unknown[]).includes(value);
}
