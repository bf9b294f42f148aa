import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook, WebhookVerificationError, type FeedEvent } from '@samenloop/partner-client';

/**
 * The endpoint the hub POSTs this system's events to. Each call is verified with the
 * subscription's secret before anything is believed: a forged, changed or replayed call is answered
 * 401. The hub sends an event again until it gets a 2xx, so calls are deduplicated by webhook-id.
 */
export class WebhookEndpoint {
  /** Set once the subscription is made: until then every call is answered 503 and comes again. */
  secret: string | undefined;
  private readonly handled = new Set<string>();

  private constructor(
    private readonly server: Server,
    private readonly onEvent: (event: FeedEvent) => Promise<void>,
  ) {
    server.on('request', (request, response) => {
      this.answer(request)
        .then((status) => response.writeHead(status).end())
        .catch(() => response.writeHead(500).end());
    });
  }

  static async listen(
    port: number,
    host: string,
    onEvent: (event: FeedEvent) => Promise<void>,
  ): Promise<WebhookEndpoint> {
    const endpoint = new WebhookEndpoint(createServer(), onEvent);
    endpoint.server.listen(port, host);
    await once(endpoint.server, 'listening');
    return endpoint;
  }

  get url(): string {
    const { address, port } = this.server.address() as AddressInfo;
    return `http://${address}:${port}/samenloop/events`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async answer(request: IncomingMessage): Promise<number> {
    if (request.method !== 'POST') return 405;
    const body = await rawBody(request);
    if (this.secret === undefined) return 503;
    let event: FeedEvent;
    try {
      event = verifyWebhook(this.secret, body, request.headers);
    } catch (error) {
      if (error instanceof WebhookVerificationError) return 401;
      throw error;
    }
    const id = String(request.headers['webhook-id']);
    if (!this.handled.has(id)) {
      await this.onEvent(event);
      this.handled.add(id);
    }
    return 204;
  }
}

async function rawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
