import type { EventStore, RecordedEvent, StreamRead } from './event-store.port';

/**
 * Streams read per round trip by {@link foldStreams}: a batch that misses a thousand clients
 * half-way through their streams must not hold all their events at once (a worker's heap is
 * 192 MiB), yet should not cost a round trip each.
 */
const STREAMS_PER_READ = 50;

/** Each stream read and folded into a value, in input order, a few dozen streams per read. */
export async function foldStreams<T>(
  store: Pick<EventStore, 'readStreams'>,
  reads: readonly StreamRead[],
  fold: (events: RecordedEvent[]) => T,
): Promise<T[]> {
  const folded: T[] = [];
  for (let start = 0; start < reads.length; start += STREAMS_PER_READ) {
    const streams = await store.readStreams(reads.slice(start, start + STREAMS_PER_READ));
    for (const events of streams) folded.push(fold(events));
  }
  return folded;
}
