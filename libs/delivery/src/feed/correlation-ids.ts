import type { FeedEntry } from './partner-feed-types';

/** Named in one log line at most; a Kafka batch may carry a thousand. */
const LISTED = 20;

/** The distinct correlation ids of `entries`, in order, for a log line. */
export function correlationIdsOf(entries: readonly FeedEntry[]): string {
  const ids = [...new Set(entries.flatMap(({ correlationId }) => correlationId ?? []))];
  if (ids.length === 0) return 'none';
  const more = ids.length - LISTED;
  return more > 0 ? `${ids.slice(0, LISTED).join(',')} (+${more} more)` : ids.join(',');
}
