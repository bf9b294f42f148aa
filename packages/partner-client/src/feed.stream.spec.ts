import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SamenloopClient } from './samenloop.client';
import { SamenloopProblemError } from './problem.error';

type Handler = (request: IncomingMessage, response: ServerResponse, call: number) => void;

/** An HTTP server on 127.0.0.1 that answers its n-th request with `handlers[n]`. */
async function serve(
  ...handlers: Handler[]
): Promise<{ server: Server; url: string; seen: IncomingMessage[] }> {
  const seen: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    seen.push(request);
    const handler = handlers[Math.min(seen.length, handlers.length) - 1]!;
    handler(request, response, seen.length - 1);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const sse = (response: ServerResponse) =>
  response.writeHead(200, { 'content-type': 'text/event-stream' });

const message = (cursor: number) =>
  `id: ${cursor}\ndata: ${JSON.stringify({ id: `e-${cursor}`, cursor })}\n\n`;

describe('following the event stream', () => {
  let server: Server | undefined;

  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  function client(url: string) {
    return new SamenloopClient({
      url,
      token: 'secret-token',
      partnerId: 'ggz-helmond',
      retry: { attempts: 3, firstDelayMs: 1, maxDelayMs: 5 },
    });
  }

  it('reconnects when the stream ends and resumes after the last event it got', async () => {
    const started = await serve(
      // The hub ends the stream (a restart) in the middle of a message.
      (_request, response) => {
        sse(response);
        response.end(`retry: 10\n\n${message(3)}${message(4)}id: 5\ndata: {"id"`);
      },
      (_request, response) => response.writeHead(503, { 'retry-after': '0' }).end(),
      (_request, response) => {
        sse(response);
        response.write(message(5));
      },
    );
    server = started.server;
    const abort = new AbortController();

    const cursors: number[] = [];
    for await (const event of client(started.url).stream({ after: 2, signal: abort.signal })) {
      cursors.push(event.cursor);
      if (event.cursor === 5) abort.abort();
    }

    expect(cursors).toEqual([3, 4, 5]);
    expect(started.seen.map((request) => request.headers['last-event-id'])).toEqual([
      '2',
      '4',
      '4',
    ]);
    expect(started.seen[0]!.headers).toMatchObject({
      authorization: 'Bearer secret-token',
      accept: 'text/event-stream',
    });
  });

  it('ends with the problem when the hub refuses the stream', async () => {
    const problem = {
      type: 'https://samenloop.nl/problems/unknown-cursor',
      title: 'Unknown cursor',
      status: 400,
    };
    const started = await serve((_request, response) =>
      response
        .writeHead(400, { 'content-type': 'application/problem+json' })
        .end(JSON.stringify(problem)),
    );
    server = started.server;

    const stream = client(started.url).stream({ after: 99 });

    await expect(stream.next()).rejects.toEqual(new SamenloopProblemError(problem));
    expect(started.seen).toHaveLength(1);
  });

  it('gives up after as many failed connections in a row as attempts allows', async () => {
    const started = await serve((_request, response) =>
      response
        .writeHead(503, { 'content-type': 'application/problem+json' })
        .end(JSON.stringify({ type: 'x/database-unavailable', title: 'Unavailable', status: 503 })),
    );
    server = started.server;

    await expect(client(started.url).stream().next()).rejects.toMatchObject({ status: 503 });
    expect(started.seen).toHaveLength(3);
  });

  it('ends quietly when the caller aborts while it waits for events', async () => {
    const started = await serve((_request, response) => sse(response));
    server = started.server;
    const abort = new AbortController();
    const stream = client(started.url).stream({ signal: abort.signal });

    const next = stream.next();
    setTimeout(() => abort.abort(), 50);

    expect(await next).toEqual({ done: true, value: undefined });
  });
});
