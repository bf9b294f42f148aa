import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { HubSecrets } from '@samenloop/platform';

const ALGORITHM = 'aes-256-gcm';

/**
 * Signing secrets must be readable to sign, so they are stored sealed (AES-256-GCM, bound to the
 * subscription id) under a key derived from the hub's master key: a copy of the database alone
 * does not let anyone forge deliveries to partners.
 */
@Injectable()
export class WebhookSecretCipher {
  private readonly key: Buffer;

  constructor(secrets: HubSecrets) {
    this.key = Buffer.from(
      hkdfSync('sha256', secrets.masterKey, Buffer.alloc(0), 'samenloop webhook secrets', 32),
    );
  }

  seal(secret: string, subscriptionId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv(ALGORITHM, this.key, iv);
    cipher.setAAD(Buffer.from(subscriptionId, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return [iv, cipher.getAuthTag(), ciphertext]
      .map((part) => part.toString('base64url'))
      .join('.');
  }

  open(sealed: string, subscriptionId: string): string {
    const [iv = '', tag = '', ciphertext = ''] = sealed.split('.');
    const decipher = createDecipheriv(ALGORITHM, this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(subscriptionId, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }
}
