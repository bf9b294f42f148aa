import type { RecordedAccess } from './access-log-entry';
import { accessEntryHash } from './access-log-hash';
import type { NormalisedEntry } from './access-entry.rules';

/** The chain's last entry: its number and hash (0 and null while the log is empty). */
export interface ChainHead {
  seq: number;
  hash: string | null;
}

export interface ChainedEntry extends NormalisedEntry {
  seq: number;
  hash: string;
  previousHash: string | null;
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

export function recordedOf(entry: ChainedEntry): RecordedAccess {
  return {
    seq: entry.seq,
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    action: entry.action,
    clientId: entry.clientId,
    user: entry.user,
    onBehalfOf: entry.onBehalfOf,
    partnerId: entry.partnerId,
    accessPoint: entry.accessPoint,
    origin: entry.origin,
    authorisation: JSON.parse(entry.authorisationJson) as RecordedAccess['authorisation'],
    emergency: entry.emergency,
    detail: entry.detailJson === null ? null : (JSON.parse(entry.detailJson) as never),
    hash: entry.hash,
    previousHash: entry.previousHash,
  };
}
