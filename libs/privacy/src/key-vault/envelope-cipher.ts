import { gcmOpen, gcmSeal } from '@samenloop/platform';

const VERSION = 'v1';

/**
 * AES-256-GCM with a fresh 96-bit nonce per message and a 16-byte tag; `context` is bound as
 * associated data so a ciphertext cannot be moved to another client. Output:
 * `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
export function seal(key: Buffer, plaintext: Buffer, context: string): string {
  return `${VERSION}.${gcmSeal(key, plaintext, context)}`;
}

export function open(key: Buffer, sealed: string, context: string): Buffer {
  if (!sealed.startsWith(`${VERSION}.`)) throw new Error('not a sealed value');
  return gcmOpen(key, sealed.slice(VERSION.length + 1), context);
}
