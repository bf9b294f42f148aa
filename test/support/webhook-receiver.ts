import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Whether the endpoint fails its `call`-th call (0, 1, ...). */
export type FailurePolicy = (call: number) => boolean;

/** Refuses the first `count` calls, then takes everything. */
export const failingFirst =
  (count: number): FailurePolicy =>
  (call) =>
    call < count;

/** Refuses every other call: half of them. */
export const failingHalf: FailurePolicy = (call) => call % 2 === 0;

/** A partner's webhook endpoint on 127.0.0.1 that answers 500 to the calls its policy fails. */
export class WebhookReceiver {
  readonly calls: { headers: IncomingHttpHeaders; body: string; status: number }[] = [];
  private constructor(
    private readonly server: Server,
    /** May change while it runs: an endpoint that recovers. */
    public fails: FailurePolicy,
  ) {}

  static async start(fails: FailurePolicy = () => false): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server, fails);
    server.on('request', (request, response) => {
      let body = '';
      request.setEncoding('utf8');
      request.on('data', (chunk: string) => (body += chunk));
      request.on('end', () => {
        const status = receiver.fails(receiver.calls.length) ? 500 : 204;
        receiver.calls.push({ headers: request.headers, body, status });
        response.writeHead(status).end();
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/samenloop`;
  }

  /** The events accepted, each once: deduplicated by webhook-id, verified with `secret`. */
  delivered(secret: string): Json[] {
    const verifier = new Webhook(secret);
    const seen = new Set<string>();
    const accepted: Json[] = [];
    for (const { headers, body, status } of this.calls) {
      const id = String(headers['webhook-id']);
      if (status >= 300 || seen.has(id)) continue;
      seen.add(id);
      accepted.push(verifier.verify(body, headers as Record<string, string>) as Json);
    }
    return accepted;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
