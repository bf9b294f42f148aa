import type { PostgresPartnerFeed } from '../feed/postgres-partner-feed';
import type { FeedEntry } from '../feed/partner-feed.types';

/**
 * One partner's next entries after `afterSeq`; when there are none yet, waits up to `timeoutMs`
 * for the first to arrive. Empty on timeout or abort.
 */
export async function nextEntries(
  feed: PostgresPartnerFeed,
  partnerId: string,
  afterSeq: number,
  limit: number,
  { signal, timeoutMs }: { signal: AbortSignal; timeoutMs: number },
): Promise<FeedEntry[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Taken before the read: an entry committed in between still ends the wait below.
    const head = await feed.headSeq();
    const entries = await feed.readPartnerAfterSeq(partnerId, afterSeq, limit);
    const left = deadline - Date.now();
    if (entries.length > 0 || left <= 0 || signal.aborted) return entries;
    await feed.waitForMore(head, { signal, timeoutMs: left });
  }
}
