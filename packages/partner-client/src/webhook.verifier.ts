import { createHmac, timingSafeEqual } from 'node:crypto';
import type { FeedEvent } from './events';

const SECRET_PREFIX = 'whsec_';
const SIGNATURE_VERSION = 'v1,';
/** How far a webhook's timestamp may lie from this clock: Standard Webhooks' five minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;

/** Headers as node's http gives them (lower-case names) or as fetch's `Headers`. */
export type WebhookHeaders =
  Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyOptions {
  toleranceSeconds?: number;
  /** This clock, in milliseconds; for tests. */
  now?: number;
}

/** A webhook call that did not come from the hub, was changed on the way, or is too old. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

/**
 * Checks a webhook call of the hub (Standard Webhooks: HMAC-SHA256 of `id.timestamp.body` with the
 * subscription's `whsec_` secret) and answers its CloudEvent. `body` must be the raw body as
 * received: a parsed and re-serialised one would no longer match. Deduplicate by `webhook-id`.
 */
export function verifyWebhook(
  secret: string,
  body: string | Uint8Array,
  headers: WebhookHeaders,
  { toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, now = Date.now() }: VerifyOptions = {},
): FeedEvent {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!/^\d+$/.test(timestamp))
    throw new WebhookVerificationError('webhook-timestamp is no number');
  if (Math.abs(now / 1000 - Number(timestamp)) > toleranceSeconds) {
    throw new WebhookVerificationError('webhook-timestamp is too far from now: replayed or late');
  }
  const text = typeof body === 'string' ? body : Buffer.from(body).toString('utf8');
  const expected = createHmac('sha256', keyOf(secret))
    .update(`${id}.${timestamp}.${text}`)
    .digest();
  const matches = signatures
    .split(' ')
    .filter((signature) => signature.startsWith(SIGNATURE_VERSION))
    .map((signature) => Buffer.from(signature.slice(SIGNATURE_VERSION.length), 'base64'))
    .some((mac) => mac.length === expected.length && timingSafeEqual(mac, expected));
  if (!matches) throw new WebhookVerificationError('no webhook-signature matches the body');
  return JSON.parse(text) as FeedEvent;
}

function keyOf(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) {
    throw new WebhookVerificationError(`the secret must start with ${SECRET_PREFIX}`);
  }
  return Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
}

function header(headers: WebhookHeaders, name: string): string {
  const value = headers instanceof Headers ? headers.get(name) : headers[name];
  const single = Array.isArray(value) ? value[0] : value;
  if (typeof single !== 'string' || single === '') {
    throw new WebhookVerificationError(`the ${name} header is missing`);
  }
  return single;
}
