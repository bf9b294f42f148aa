import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;
/**
 * The full 128-bit tag, fixed on both sides: without `authTagLength` Node's `setAuthTag` takes a
 * tag as short as 4 bytes and checks only those, so a forgery needs about 2^32 tries, not 2^128.
 */
export const GCM_TAG_BYTES = 16;

/**
 * AES-256-GCM with a fresh 96-bit nonce; `aad` is bound as associated data. Output:
 * `<iv>.<tag>.<ciphertext>` in base64url.
 */
export function gcmSeal(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: GCM_TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url')).join('.');
}

/** The plaintext; throws for another key or `aad`, any changed byte, or a tag not 16 bytes long. */
export function gcmOpen(key: Buffer, sealed: string, aad: string): Buffer {
  const [iv, tag, ciphertext, ...rest] = sealed.split('.');
  if (!iv || !tag || ciphertext === undefined || rest.length > 0) {
    throw new Error('not a sealed value');
  }
  const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'), {
    authTagLength: GCM_TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]);
}
