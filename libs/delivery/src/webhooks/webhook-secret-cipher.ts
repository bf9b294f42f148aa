import { Injectable } from '@nestjs/common';
import { derivedKey, gcmOpen, gcmSeal, HubSecrets } from '@samenloop/platform';

/**
 * Signing secrets must be readable to sign, so they are stored sealed (AES-256-GCM, bound to the
 * subscription id, with a 16-byte tag) under a key derived from the hub's master key: a copy of the database alone
 * does not let anyone forge deliveries to partners.
 */
@Injectable()
export class WebhookSecretCipher {
  private readonly key: Buffer;

  constructor(secrets: HubSecrets) {
    this.key = derivedKey(secrets.masterKey, 'samenloop webhook secrets');
  }

  seal(secret: string, subscriptionId: string): string {
    return gcmSeal(this.key, Buffer.from(secret, 'utf8'), subscriptionId);
  }

  open(sealed: string, subscriptionId: string): string {
    return gcmOpen(this.key, sealed, subscriptionId).toString('utf8');
  }
}
