import { createHash } from 'node:crypto';

/** The stored columns an entry's hash covers: every one, the JSON ones as their stored text. */
export interface HashedAccessEntry {
  previousHash: string | null;
  seq: number;
  id: string;
  occurredAt: Date;
  action: string;
  clientId: string | null;
  user: string;
  onBehalfOf: string | null;
  partnerId: string | null;
  accessPoint: string;
  origin: string | null;
  authorisationJson: string;
  emergency: boolean;
  detailJson: string | null;
}

/**
 * SHA-256 (hex) of the entry as a JSON array in a fixed order: the array's quoting keeps any
 * character inside a field from shifting the boundaries, and the version tag lets the form change.
 */
export function accessEntryHash(entry: HashedAccessEntry): string {
  const canonical = JSON.stringify([
    'samenloop-access-log-v1',
    entry.previousHash,
    entry.seq,
    entry.id,
    entry.occurredAt.toISOString(),
    entry.action,
    entry.clientId,
    entry.user,
    entry.onBehalfOf,
    entry.partnerId,
    entry.accessPoint,
    entry.origin,
    entry.authorisationJson,
    entry.emergency,
    entry.detailJson,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}
