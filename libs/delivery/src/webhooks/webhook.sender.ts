import { Injectable } from '@nestjs/common';
import { DeliverySettings } from '../delivery.settings';
import { webhookSignature } from './webhook.signature';

/** Structured-mode CloudEvents: the body is the event itself. */
const CLOUDEVENTS_MEDIA_TYPE = 'application/cloudevents+json';

export interface WebhookMessage {
  /** Stable per event and subscription: receivers deduplicate by it. */
  id: string;
  body: string;
}

export type SendOutcome = { ok: true } | { ok: false; error: string };

/** One signed POST of one CloudEvent (Standard Webhooks); any 2xx answer means delivered. */
@Injectable()
export class WebhookSender {
  constructor(private readonly settings: DeliverySettings) {}

  async send(
    url: string,
    secret: string,
    { id, body }: WebhookMessage,
    signal: AbortSignal,
  ): Promise<SendOutcome> {
    const timestamp = Math.floor(Date.now() / 1000);
    const timeoutMs = this.settings.webhookTimeoutMs;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': CLOUDEVENTS_MEDIA_TYPE,
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': webhookSignature(secret, id, timestamp, body),
          'user-agent': 'Samenloop-Webhooks/1',
        },
        body,
        // A redirect is an answer of the endpoint, not a delivery: followed, it could send the
        // client's data where the partner never registered.
        redirect: 'manual',
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { ok: true };
      return { ok: false, error: `the endpoint answered HTTP ${response.status}` };
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError') {
        return { ok: false, error: `no answer within ${timeoutMs / 1000} s` };
      }
      return { ok: false, error: `could not reach the endpoint: ${describe(error)}` };
    }
  }
}

/** fetch hides the reason (refused, unknown host) in its cause. */
function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
