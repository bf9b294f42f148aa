import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { verifyWebhook, WebhookVerificationError } from './webhook.verifier';

// Signed with the Standard Webhooks reference implementation, which the hub's signer is checked
// against in its own specs: what the hub signs, this verifier must take.
describe('verifying webhook calls', () => {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  const now = Date.parse('2026-03-01T09:30:00Z');
  const event = { specversion: '1.0', id: 'evt-1', type: 'nl.samenloop.ladder-step-reached.v1' };
  const body = JSON.stringify({ ...event, data: { rung: 3 } });

  function signed(text: string, at = now, key = secret, id = 'msg_1'): Record<string, string> {
    return {
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at / 1000)),
      'webhook-signature': new Webhook(key).sign(id, new Date(at), text),
    };
  }

  it('answers the CloudEvent of a call the secret signed', () => {
    expect(verifyWebhook(secret, body, signed(body), { now })).toEqual(JSON.parse(body));
  });

  it('takes the raw body as bytes and fetch Headers too', () => {
    const headers = new Headers(signed(body));
    expect(verifyWebhook(secret, Buffer.from(body), headers, { now }).id).toBe('evt-1');
  });

  it('takes a call when any of several signatures matches (a rotated secret)', () => {
    const other = `whsec_${randomBytes(24).toString('base64')}`;
    const headers = signed(body);
    headers['webhook-signature'] = `${signed(body, now, other)['webhook-signature']} ${
      headers['webhook-signature']
    }`;
    expect(verifyWebhook(secret, body, headers, { now }).id).toBe('evt-1');
  });

  it('refuses a changed body, a changed id and another secret', () => {
    const headers = signed(body);
    const refused = [
      () => verifyWebhook(secret, body.replace('3', '4'), headers, { now }),
      () => verifyWebhook(secret, body, { ...headers, 'webhook-id': 'msg_2' }, { now }),
      () => verifyWebhook(`whsec_${randomBytes(24).toString('base64')}`, body, headers, { now }),
    ];
    for (const verify of refused) expect(verify).toThrow(WebhookVerificationError);
  });

  it('refuses a call signed more than five minutes from now: a replay', () => {
    const old = signed(body, now - 6 * 60_000);
    const future = signed(body, now + 6 * 60_000);
    expect(() => verifyWebhook(secret, body, old, { now })).toThrow(/too far from now/);
    expect(() => verifyWebhook(secret, body, future, { now })).toThrow(/too far from now/);
    expect(verifyWebhook(secret, body, signed(body, now - 4 * 60_000), { now }).id).toBe('evt-1');
  });

  it('refuses a call without its headers, or with a moved timestamp', () => {
    const { 'webhook-signature': _signature, ...unsigned } = signed(body);
    expect(() => verifyWebhook(secret, body, unsigned, { now })).toThrow(/webhook-signature/);
    const moved = { ...signed(body), 'webhook-timestamp': String(Math.floor(now / 1000) + 1) };
    expect(() => verifyWebhook(secret, body, moved, { now })).toThrow(/no webhook-signature/);
    const garbled = { ...signed(body), 'webhook-timestamp': 'yesterday' };
    expect(() => verifyWebhook(secret, body, garbled, { now })).toThrow(/no number/);
  });
});
