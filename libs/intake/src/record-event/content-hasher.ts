import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { derivedKey, HubSecrets } from '@samenloop/platform';

/** JSON with the keys of every object sorted: equal values give equal text, whatever the order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Fingerprints a CloudEvent so that a resend can be told from a reuse of its id. Keyed, because
 * the envelope may hold a BSN and a name: a plain hash, kept in receipts and event metadata, would
 * let anyone who reads them test guessed BSNs. The key is derived from the BSN hash key, which
 * guards the same secret.
 */
@Injectable()
export class ContentHasher {
  private readonly key: Buffer;

  constructor(secrets: HubSecrets) {
    this.key = derivedKey(secrets.bsnHashKey, 'samenloop intake content hash');
  }

  hash(value: unknown): string {
    return createHmac('sha256', this.key).update(canonicalJson(value), 'utf8').digest('hex');
  }
}
