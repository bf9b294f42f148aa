import { createHmac } from 'node:crypto';

/** A keyed hash: without the hub's key nobody can test a guessed BSN against the stored hashes. */
export function hashBsn(key: Buffer, bsn: string): string {
  return createHmac('sha256', key).update(bsn, 'utf8').digest('hex');
}
