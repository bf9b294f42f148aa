import { SamenloopClient } from './samenloop.client';
import { SamenloopProblemError } from './problem.error';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

const RECEIPT = {
  id: 'evt-1',
  source: 'urn:samenloop:partner:ggz-helmond',
  type: 'nl.samenloop.contact-attempted.v1',
  subject: 'GGZ-1',
  position: 42,
  receivedAt: '2026-03-01T09:30:00.000Z',
};

/** A client whose requests are answered by `answers` in turn, recording what it sent. */
function clientAnswering(...answers: (Response | Error)[]) {
  const sent: Sent[] = [];
  const fetch = async (url: string | URL | Request, init?: RequestInit) => {
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    sent.push({
      url: String(url),
      method: init?.method ?? 'GET',
      headers: init?.headers as Record<string, string>,
      body,
    });
    const answer = answers[sent.length - 1]!;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  const client = new SamenloopClient({
    url: 'https://hub.example/',
    token: 'secret-token',
    partnerId: 'ggz-helmond',
    retry: { attempts: 3, firstDelayMs: 1, maxDelayMs: 5 },
    fetch: fetch as typeof globalThis.fetch,
  });
  return { client, sent };
}

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('the partner client', () => {
  it('builds CloudEvents with its own source, a fresh id and the time', () => {
    const { client } = clientAnswering();
    const event = client.event(
      'nl.samenloop.contact-attempted.v1',
      'GGZ-1',
      { channel: 'phone', outcome: 'reached' },
      { time: new Date('2026-03-01T09:00:00Z'), actor: 'emp-7' },
    );

    expect(event).toEqual({
      specversion: '1.0',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      source: 'urn:samenloop:partner:ggz-helmond',
      type: 'nl.samenloop.contact-attempted.v1',
      subject: 'GGZ-1',
      time: '2026-03-01T09:00:00.000Z',
      actor: 'emp-7',
      datacontenttype: 'application/json',
      data: { channel: 'phone', outcome: 'reached' },
    });
    expect(client.event(event.type, 'GGZ-1', event.data).id).not.toBe(event.id);
  });

  it('sends the same event again after a failure, and reports a resend answered 200', async () => {
    const { client, sent } = clientAnswering(
      new TypeError('fetch failed'),
      json(503, { status: 503 }, 'application/problem+json'),
      json(200, RECEIPT),
    );
    const event = client.event('nl.samenloop.contact-attempted.v1', 'GGZ-1', {
      channel: 'phone',
      outcome: 'reached',
    });

    const published = await client.publish(event);

    expect(published).toEqual({ receipt: RECEIPT, alreadyStored: true });
    expect(sent.map(({ body }) => body)).toEqual([event, event, event]);
    expect(sent[0]).toMatchObject({
      url: 'https://hub.example/v1/events',
      method: 'POST',
      headers: {
        authorization: 'Bearer secret-token',
        'content-type': 'application/cloudevents+json',
      },
    });
  });

  it('throws the problem of a refusal at once, with its field errors', async () => {
    const problem = {
      type: 'https://samenloop.nl/problems/invalid-event',
      title: 'Invalid event',
      status: 400,
      detail: 'data.channel: channel must be one of the following values',
      errors: [{ path: 'data.channel', message: 'channel must be one of the following values' }],
    };
    const { client, sent } = clientAnswering(json(400, problem, 'application/problem+json'));
    const event = client.event('nl.samenloop.contact-attempted.v1', 'GGZ-1', {
      channel: 'pigeon' as 'phone',
      outcome: 'reached',
    });

    const error = await client.publish(event).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(SamenloopProblemError);
    expect(error).toMatchObject({ status: 400, code: 'invalid-event', problem });
    expect(sent).toHaveLength(1);
  });

  it('describes an answer that is no problem document by its status', async () => {
    const { client } = clientAnswering(new Response('bad gateway', { status: 400 }));

    await expect(client.feed()).rejects.toMatchObject({
      problem: { type: 'about:blank', status: 400, detail: 'bad gateway' },
    });
  });

  it('sends a batch as one request and answers each event’s result', async () => {
    const results = [
      { index: 0, status: 201, receipt: RECEIPT },
      { index: 1, status: 403, problem: { type: 'x/not-involved', title: 'No', status: 403 } },
    ];
    const { client, sent } = clientAnswering(json(200, { results }));
    const events = [
      client.event('nl.samenloop.ladder-step-reached.v1', 'GGZ-1', { rung: 2 }),
      client.event('nl.samenloop.goal-set.v1', 'GGZ-2', {
        goalId: 'g-1',
        lifeArea: 'finances',
        description: 'Pays the rent on time',
      }),
    ];

    expect(await client.publishBatch(events)).toEqual(results);
    expect(sent[0]!.headers['content-type']).toBe('application/cloudevents-batch+json');
    expect(sent[0]!.body).toEqual(events);
  });

  it('follows the feed page by page from a cursor, long-polling', async () => {
    const abort = new AbortController();
    const event = (cursor: number) => ({ id: `e-${cursor}`, cursor });
    const { client, sent } = clientAnswering(
      json(200, { events: [event(11), event(12)], next: 12 }),
      json(200, { events: [], next: 12 }),
      json(200, { events: [event(15)], next: 15 }),
    );

    const seen: number[] = [];
    for await (const received of client.follow({ after: 10, limit: 2, signal: abort.signal })) {
      seen.push(received.cursor);
      if (received.cursor === 15) abort.abort();
    }

    expect(seen).toEqual([11, 12, 15]);
    expect(sent.map(({ url }) => url)).toEqual([
      'https://hub.example/v1/feed?after=10&limit=2&wait=30',
      'https://hub.example/v1/feed?after=12&limit=2&wait=30',
      'https://hub.example/v1/feed?after=12&limit=2&wait=30',
    ]);
  });
});
