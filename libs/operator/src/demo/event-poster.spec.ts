import { HubClient } from '../hub-client/hub.client';
import { HubRequestError } from '../hub-client/hub-request.errors';
import type { CloudEvent } from './cloud-event';
import { HubEventPoster } from './event-poster';

const PROBLEMS = 'https://samenloop.nl/problems/';
const events = [{ id: 'a' }, { id: 'b' }, { id: 'c' }] as CloudEvent[];
const poster = new HubEventPoster(
  new HubClient({ baseUrl: 'http://hub.test/', token: 'admin' }),
  new Map([['ggz-oost-brabant', 'ggz-token']]),
);

function answer(status: number, body: unknown) {
  return jest
    .spyOn(globalThis, 'fetch')
    .mockResolvedValue(new Response(JSON.stringify(body), { status }));
}

describe('HubEventPoster', () => {
  afterEach(() => jest.restoreAllMocks());

  it('posts one batch with the partner’s token and reads each event’s result', async () => {
    const fetch = answer(200, {
      results: [
        { index: 1, status: 200, receipt: { id: 'b' } },
        { index: 0, status: 201, receipt: { id: 'a' } },
        {
          index: 2,
          status: 400,
          problem: {
            type: `${PROBLEMS}invalid-event`,
            title: 'Invalid event',
            detail: 'the data is not valid',
            errors: [{ path: 'data.rung', message: 'must be 1-6' }],
          },
        },
      ],
    });

    const outcomes = await poster.post('ggz-oost-brabant', events);

    expect(outcomes).toEqual([
      { accepted: true },
      { accepted: true },
      {
        accepted: false,
        problem: {
          kind: '400 invalid-event',
          message: '400 invalid-event: the data is not valid (data.rung must be 1-6)',
        },
      },
    ]);
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('http://hub.test/v1/events');
    expect(init).toMatchObject({
      method: 'POST',
      headers: {
        authorization: 'Bearer ggz-token',
        'content-type': 'application/cloudevents-batch+json',
      },
      body: JSON.stringify(events),
    });
  });

  it('posts a throttled tail again after the wait the hub names, and stops after five tries', async () => {
    const throttled = (index: number) => ({
      index,
      status: 429,
      problem: { type: `${PROBLEMS}too-many-signals`, detail: 'slow down', retryAfter: 7 },
    });
    const fetch = jest
      .spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(
        new Response(
          JSON.stringify({ results: [{ index: 0, status: 201 }, throttled(1), throttled(2)] }),
        ),
      )
      .mockResolvedValueOnce(
        new Response(JSON.stringify({ results: [{ index: 0, status: 201 }, throttled(1)] })),
      )
      .mockImplementation(() =>
        Promise.resolve(new Response(JSON.stringify({ results: [throttled(0)] }))),
      );
    const waits: number[] = [];
    const patient = new HubEventPoster(
      new HubClient({ baseUrl: 'http://hub.test/', token: 'admin' }),
      new Map([['ggz-oost-brabant', 'ggz-token']]),
      (ms) => {
        waits.push(ms);
        return Promise.resolve();
      },
    );

    const outcomes = await patient.post('ggz-oost-brabant', events);

    expect(outcomes.map((outcome) => outcome.accepted)).toEqual([true, true, false]);
    expect(outcomes[2]).toMatchObject({ problem: { kind: '429 too-many-signals' } });
    expect(waits).toEqual([7_000, 7_000, 7_000, 7_000, 7_000]);
    const bodies = fetch.mock.calls.map(([, init]) => JSON.parse(String(init!.body)));
    expect(bodies[1]).toEqual([{ id: 'b' }, { id: 'c' }]);
    expect(bodies.slice(2)).toEqual(Array(4).fill([{ id: 'c' }]));
  });

  it('counts a refused batch as every event in it refused', async () => {
    answer(401, { type: `${PROBLEMS}unauthorized`, title: 'Unauthorized', status: 401 });

    const outcomes = await poster.post('ggz-oost-brabant', events);

    expect(outcomes).toEqual(
      events.map(() => ({
        accepted: false,
        problem: { kind: '401 unauthorized', message: '401 unauthorized: Unauthorized' },
      })),
    );
  });

  it('throws when the hub cannot be reached', async () => {
    jest
      .spyOn(globalThis, 'fetch')
      .mockRejectedValue(
        Object.assign(new TypeError('fetch failed'), { cause: new Error('connect ECONNREFUSED') }),
      );

    await expect(poster.post('ggz-oost-brabant', events)).rejects.toThrow(
      new HubRequestError('cannot reach the hub at http://hub.test: connect ECONNREFUSED'),
    );
  });
});
