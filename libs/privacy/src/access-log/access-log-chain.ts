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
    const link = linkOf(entry, seq, previousHash);
    previousHash = link.hash;
    return link;
  });
  return { chained, head: { seq, hash: previousHash } };
}

// Here and below every field is spelled out: object spreads cost more per entry than the hash
// itself, and a relay batch logs up to a thousand entries.
function linkOf(entry: NormalisedEntry, seq: number, previousHash: string | null): ChainedEntry {
  const link: ChainedEntry = {
    id: entry.id,
    occurredAt: entry.occurredAt,
    action: entry.action,
    clientId: entry.clientId,
    user: entry.user,
    onBehalfOf: entry.onBehalfOf,
    partnerId: entry.partnerId,
    accessPoint: entry.accessPoint,
    origin: entry.origin,
    authorisationJson: entry.authorisationJson,
    emergency: entry.emergency,
    detailJson: entry.detailJson,
    seq,
    previousHash,
    hash: '',
  };
  link.hash = accessEntryHash(link);
  return link;
}

export function recordedOf(link: ChainedEntry): RecordedAccess {
  return {
    id: link.id,
    occurredAt: link.occurredAt.toISOString(),
    action: link.action,
    clientId: link.clientId,
    user: link.user,
    onBehalfOf: link.onBehalfOf,
    partnerId: link.partnerId,
    accessPoint: link.accessPoint,
    origin: link.origin,
    authorisation: JSON.parse(link.authorisationJson) as RecordedAccess['authorisation'],
    emergency: link.emergency,
    detail: link.detailJson === null ? null : (JSON.parse(link.detailJson) as never),
    seq: link.seq,
    hash: link.hash,
    previousHash: link.previousHash,
  };
}
