import { hkdfSync } from 'node:crypto';

/**
 * A 256-bit key for one purpose, derived (HKDF-SHA-256) from one of the hub's secrets: each use
 * gets its own key, so one leaking or being misused tells nothing about the secret or the others.
 */
export function derivedKey(secret: Buffer | string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), purpose, 32));
}
