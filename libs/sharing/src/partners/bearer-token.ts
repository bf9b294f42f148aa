import { createHash, randomBytes } from 'node:crypto';

/**
 * Bearer tokens carry 256 random bits, so one SHA-256 is enough to store them: there is nothing to
 * guess that a slow KDF would protect. Looking a token up by its hash also avoids comparing secrets.
 */
export function generateBearerToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

export function hashBearerToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
