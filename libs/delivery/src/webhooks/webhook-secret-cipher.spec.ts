import { randomBytes } from 'node:crypto';
import type { HubSecrets } from '@samenloop/platform';
import { WebhookSecretCipher } from './webhook-secret-cipher';

describe('the webhook secret cipher', () => {
  const cipher = new WebhookSecretCipher({ masterKey: randomBytes(32) } as HubSecrets);

  it('opens what it sealed for the same subscription only', () => {
    const sealed = cipher.seal('whsec_signing-secret', 'subscription-1');

    expect(cipher.open(sealed, 'subscription-1')).toBe('whsec_signing-secret');
    expect(() => cipher.open(sealed, 'subscription-2')).toThrow();
  });

  it('refuses a tag cut to 4 bytes, of which only those 4 would be checked', () => {
    const [iv, tag, ciphertext] = cipher.seal('whsec_signing-secret', 'subscription-1').split('.');
    const short = Buffer.from(tag!, 'base64url').subarray(0, 4).toString('base64url');

    expect(() => cipher.open([iv, short, ciphertext].join('.'), 'subscription-1')).toThrow(
      /authentication tag length/,
    );
  });
});
