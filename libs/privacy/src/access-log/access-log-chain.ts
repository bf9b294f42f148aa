import type { RecordedAccess } from './access-log-entry';
import { accessEntryHash, type HashedAccessEntry } from './access-log-hash';
import type { NormalisedEntry } from './access-entry.rules';

/** The chain's last entry: its number and hash (0 and null while the log is empty). */
export interface ChainHead {
  seq: number;
  hash: string | null;
}

export interface ChainedEntry extends HashedAccessEntry {
  hash: string;
}

/** Numbers and links the entries after `head`, in their order; and the head they leave. */
export function chainAfter(
  head: ChainHead,
  entries: readonly NormalisedEntry[],
): { chained: ChainedEntry[]; head: ChainHead } {
  let { seq, hash: previousHash } = head;
  const chained = entries.map((entry) => {
    seq += 1;
    const hash = accessEntryHash({ ...entry, seq, previousHash });
    const link = { ...entry, seq, hash, previousHash };
    previousHash = hash;
    return link;
  });
  return { chained, head: { seq, hash: previousHash } };
}

export function recordedOf({
  occurredAt,
  authorisationJson,
  detailJson,
  ...kept
}: ChainedEntry): RecordedAccess {
  return {
    ...kept,
    occurredAt: occurredAt.toISOString(),
    authorisation: JSON.parse(authorisationJson) as RecordedAccess['authorisation'],
    detail: detailJson === null ? null : (JSON.parse(detailJson) as never),
  };
}
