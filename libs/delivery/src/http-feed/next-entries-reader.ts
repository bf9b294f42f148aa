import type { PostgresPartnerFeed } from '../feed/postgres-partner-feed';
import type { FeedEntry } from '../feed/partner-feed-types';

/**
 * One partner's next entries after `afterSeq`, all of a page in one read; when there are none
 * yet, waits up to `timeoutMs` for a notice of entries for this partner, then reads once more.
 * Empty on timeout or abort.
 */
export async function nextEntries(
  feed: PostgresPartnerFeed,
  partnerId: string,
  afterSeq: number,
  limit: number,
  { signal, timeoutMs }: { signal: AbortSignal; timeoutMs: number },
): Promise<FeedEntry[]> {
  const deadline = Date.now() + timeoutMs;
  // Listening before the first read: an entry committed after that read is sure to wake the wait.
  if (timeoutMs > 0) await feed.listen();
  for (;;) {
    // Noted before the read: a notice that arrives during the read still ends the wait below.
    const seen = feed.wakeUps.generation(partnerId);
    const entries = await feed.readPartnerAfterSeq(partnerId, afterSeq, limit);
    const left = deadline - Date.now();
    if (entries.length > 0 || left <= 0 || signal.aborted) return entries;
    await feed.waitForPartner(partnerId, seen, { signal, timeoutMs: left });
  }
}
