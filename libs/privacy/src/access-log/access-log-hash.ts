import { createHash } from 'node:crypto';
import type { NormalisedEntry } from './access-entry.rules';

/** The stored columns an entry's hash covers: every one, the JSON ones as their stored text. */
export interface HashedAccessEntry extends NormalisedEntry {
  previousHash: string | null;
  seq: number;
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
