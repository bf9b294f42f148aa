import { INVOLVEMENT_MATCHED } from '@samenloop/contracts';
import { type DataCategory, EVENT_CATEGORIES, isEventType } from '@samenloop/domain';

/** The category an outbound type is filed under: its stored type's own, the match's involvement. */
export function categoryOfType(type: string): DataCategory | undefined {
  if (type === INVOLVEMENT_MATCHED) return 'involvement';
  return isEventType(type) ? EVENT_CATEGORIES[type].category : undefined;
}

/**
 * Whether a subscription wants an event: everything when it names neither types nor categories,
 * else events whose type, or whose category, it names.
 */
export function wantsEvent(
  { types, categories }: { types: readonly string[] | null; categories: readonly string[] | null },
  type: string,
): boolean {
  if (types === null && categories === null) return true;
  const category = categoryOfType(type);
  return (
    (types?.includes(type) ?? false) ||
    (category !== undefined && (categories?.includes(category) ?? false))
  );
}
