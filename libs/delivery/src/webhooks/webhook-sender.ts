import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { CLOUDEVENTS_MEDIA_TYPE } from '@samenloop/contracts';
import { DeliverySettings } from '../delivery.settings';
import { WebhookEndpoints } from './webhook-endpoints';
import { webhookSignature } from './webhook-signature';

/**
 * What the partner sees of a failure. Deliberately coarse: an errno, an address or an exact status
 * would let a partner map the hub's network through its subscriptions' `lastError`.
 */
export const UNREACHABLE = 'endpoint unreachable';

export interface WebhookMessage {
  /** Stable per event and subscription: receivers deduplicate by it. */
  id: string;
  body: string;
}

export type SendOutcome = { ok: true } | { ok: false; error: string };

/**
 * One signed POST of one CloudEvent (Standard Webhooks); any 2xx answer means delivered. Every
 * connection goes only to an address WebhookEndpoints allows, checked when the socket connects.
 */
@Injectable()
export class WebhookSender implements OnModuleDestroy {
  private readonly logger = new Logger(WebhookSender.name);
  private readonly agents: Record<string, HttpAgent>;

  constructor(
    private readonly settings: DeliverySettings,
    private readonly endpoints: WebhookEndpoints,
  ) {
    this.agents = {
      'http:': new HttpAgent({ keepAlive: true, lookup: endpoints.lookupFor('http:') }),
      'https:': new HttpsAgent({ keepAlive: true, lookup: endpoints.lookupFor('https:') }),
    };
  }

  async send(
    url: string,
    secret: string,
    { id, body }: WebhookMessage,
    signal: AbortSignal,
  ): Promise<SendOutcome> {
    const target = new URL(url);
    const refused = this.endpoints.connectProblem(target);
    if (refused !== undefined) return this.failed(id, UNREACHABLE, refused);
    const timestamp = Math.floor(Date.now() / 1000);
    const timeoutMs = this.settings.webhookTimeoutMs;
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      // A redirect is an answer of the endpoint, not a delivery: node's client never follows one.
      const status = await this.post(target, {
        headers: {
          'content-type': CLOUDEVENTS_MEDIA_TYPE,
          'content-length': String(Buffer.byteLength(body)),
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': webhookSignature(secret, id, timestamp, body),
          'user-agent': 'Samenloop-Webhooks/1',
        },
        body,
        signal: AbortSignal.any([signal, timeout]),
      });
      if (status >= 200 && status < 300) return { ok: true };
      return this.failed(
        id,
        `the endpoint answered ${Math.floor(status / 100)}xx`,
        `HTTP ${status}`,
      );
    } catch (error) {
      if (timeout.aborted) {
        return { ok: false, error: `no answer within ${timeoutMs / 1000} s` };
      }
      return this.failed(id, UNREACHABLE, describe(error));
    }
  }

  onModuleDestroy(): void {
    for (const agent of Object.values(this.agents)) agent.destroy();
  }

  private post(
    target: URL,
    {
      headers,
      body,
      signal,
    }: { headers: Record<string, string>; body: string; signal: AbortSignal },
  ): Promise<number> {
    const { protocol } = target;
    const request = protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const outgoing = request(target, {
        method: 'POST',
        headers,
        agent: this.agents[protocol],
        signal,
      });
      outgoing.on('socket', (socket: Socket) => {
        const check = () => {
          if (!this.endpoints.allowsConnected(socket.remoteAddress, protocol)) {
            socket.destroy(new Error(`connected to ${socket.remoteAddress}, which is refused`));
          }
        };
        if (socket.connecting) socket.once('connect', check);
        else check();
      });
      outgoing.on('response', (response: IncomingMessage) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      });
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  /** The partner is told `shown`; the reason stays in the debug log. */
  private failed(id: string, shown: string, reason: string): SendOutcome {
    this.logger.debug(`webhook ${id}: ${reason}`);
    return { ok: false, error: shown };
  }
}

function describe(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code === undefined ? message : `${code} ${message}`;
}
