import { once } from 'node:events';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { AppConfig } from '@samenloop/platform';
import { DeliverySettings } from '../delivery.settings';
import { HostResolver } from './host-resolver';
import { WebhookEndpoints } from './webhook-endpoints';
import { UNREACHABLE, WebhookSender } from './webhook-sender';

/** DNS as an attacker runs it: each look-up of a name answers the next address in line. */
class RebindingResolver extends HostResolver {
  constructor(private readonly answers: string[][]) {
    super();
  }

  async resolve(): Promise<string[]> {
    return this.answers.length > 1 ? this.answers.shift()! : this.answers[0]!;
  }
}

const message = { id: 'msg_1', body: '{"specversion":"1.0"}' };
const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function sender(allowLoopback: boolean, resolver: HostResolver) {
  const config = Object.assign(new AppConfig(), {
    WEBHOOK_ALLOW_LOOPBACK_HTTP: allowLoopback ? 'on' : 'off',
  });
  const settings = Object.assign(new DeliverySettings(), { webhookTimeoutMs: 2_000 });
  const endpoints = new WebhookEndpoints(config, resolver);
  return { endpoints, sender: new WebhookSender(settings, endpoints) };
}

async function listening(server: Server | ReturnType<typeof createTcpServer>): Promise<number> {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return (server.address() as AddressInfo).port;
}

describe('webhook sender', () => {
  const servers: { close(): unknown }[] = [];
  // The reasons are logged at debug level; the outcomes are what is asserted.
  beforeAll(() => Logger.overrideLogger(false));
  afterEach(() => servers.splice(0).forEach((server) => server.close()));

  it('refuses at connect time a name that turned loopback after it was subscribed', async () => {
    let connections = 0;
    const local = createTcpServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    servers.push(local);
    const port = await listening(local);
    const { endpoints, sender: webhooks } = sender(
      false,
      new RebindingResolver([['93.184.216.34'], ['127.0.0.1']]),
    );
    const url = `https://rebind.test:${port}/hooks`;

    expect(await endpoints.urlProblem(url)).toBeUndefined();
    const outcome = await webhooks.send(url, secret, message, new AbortController().signal);

    expect(outcome).toEqual({ ok: false, error: UNREACHABLE });
    expect(connections).toBe(0);
    webhooks.onModuleDestroy();
  });

  it('refuses a name with one private address among public ones when subscribing', async () => {
    const { endpoints } = sender(false, new RebindingResolver([['93.184.216.34', '10.1.2.3']]));

    expect(await endpoints.urlProblem('https://mixed.test/hooks')).toMatch(/public/);
  });

  it('refuses a name that does not resolve when subscribing', async () => {
    const { endpoints } = sender(false, new RebindingResolver([[]]));

    expect(await endpoints.urlProblem('https://nowhere.test/hooks')).toMatch(/public/);
  });

  it('tells a partner only generic reasons: unreachable, or the class of the answer', async () => {
    const redirectedTo: string[] = [];
    const endpoint = createHttpServer((request, response) => {
      if (request.url === '/moved') {
        response.writeHead(302, { location: '/target' }).end();
      } else if (request.url === '/target') {
        redirectedTo.push(request.url);
        response.writeHead(204).end();
      } else {
        response.writeHead(503).end();
      }
    });
    servers.push(endpoint);
    const port = await listening(endpoint);
    const closed = createTcpServer();
    const closedPort = await listening(closed);
    closed.close();
    const { sender: webhooks } = sender(true, new RebindingResolver([['127.0.0.1']]));
    const send = (url: string) => webhooks.send(url, secret, message, new AbortController().signal);

    expect(await send(`http://127.0.0.1:${port}/moved`)).toEqual({
      ok: false,
      error: 'the endpoint answered 3xx',
    });
    expect(redirectedTo).toEqual([]);
    expect(await send(`http://localhost:${port}/down`)).toEqual({
      ok: false,
      error: 'the endpoint answered 5xx',
    });
    expect(await send(`http://127.0.0.1:${closedPort}/`)).toEqual({
      ok: false,
      error: UNREACHABLE,
    });
    expect(await send(`http://127.0.0.1:${port}/target`)).toEqual({ ok: true });
    webhooks.onModuleDestroy();
  });
});
