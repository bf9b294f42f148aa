import { Webhook } from 'standardwebhooks';
import { newWebhookSecret, webhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const body = JSON.stringify({ specversion: '1.0', id: 'evt-1', data: { rung: 3 } });

  /** The Standard Webhooks headers of `body` sent now as message `msg_1`. */
  const signedNow = (secret: string) => {
    const timestamp = Math.floor(Date.now() / 1000);
    return {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(timestamp),
      'webhook-signature': webhookSignature(secret, 'msg_1', timestamp, body),
    };
  };

  it('verify with the independent Standard Webhooks implementation', () => {
    const secret = newWebhookSecret();
    const headers = signedNow(secret);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it('fail verification with another secret or a changed body', () => {
    const secret = newWebhookSecret();
    const headers = signedNow(secret);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(secret).verify(body.replace('3', '4'), headers)).toThrow();
  });

  it('makes secrets in the whsec_ form with 24 random bytes', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(newWebhookSecret()).not.toBe(secret);
  });
});
