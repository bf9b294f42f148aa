import { clientStream } from '@samenloop/domain';
import { randomUUID } from 'node:crypto';
import {
  CLOUDEVENTS_MEDIA_TYPE as CLOUDEVENTS,
  IntakeModule,
  intakeMigrations,
} from '@samenloop/intake';
import {
  cloudEvent,
  enrolClient,
  enrolmentData,
  publish,
  publishBatch,
} from './support/cloud-events';
import { HubHarness, type TestPartner } from './support/hub.harness';
import { outcome } from './support/problems';

// POST /v1/events as HTTP: media types, authentication, limits, batches and concurrent writers.
describe('POST /v1/events', () => {
  let hub: HubHarness;
  let gemeente: TestPartner;

  beforeAll(async () => {
    hub = await HubHarness.start({ imports: [IntakeModule], migrations: intakeMigrations });
    gemeente = await hub.partner('municipality', 'gemeente');
  });

  afterAll(() => hub?.close());

  const step = (subject: string, rung = 2) =>
    cloudEvent(gemeente, 'ladder-step-reached', subject, { rung });

  describe('refuses before looking at the event', () => {
    it('401 without a token or with an unknown one', async () => {
      const event = step('GM-1');
      const none = await hub.post('/v1/events', event, { contentType: CLOUDEVENTS });
      const wrong = await hub.post('/v1/events', event, {
        contentType: CLOUDEVENTS,
        token: 'slp_not-a-token',
      });

      expect([none, wrong].map(outcome)).toEqual(['401 unauthorized', '401 unauthorized']);
      expect(wrong.headers.get('www-authenticate')).toMatch(/^Bearer/);
    });

    it.each(['application/json', 'text/plain', 'application/xml'])(
      '415 unsupported-media-type for %s',
      async (contentType) => {
        const response = await hub.post('/v1/events', JSON.stringify(step('GM-1')), {
          contentType,
          token: gemeente.token,
        });
        expect(outcome(response)).toBe('415 unsupported-media-type');
      },
    );

    it('400 malformed-body for JSON that does not parse', async () => {
      for (const body of ['{"specversion": "1.0",', '']) {
        const response = await hub.post('/v1/events', body, {
          contentType: CLOUDEVENTS,
          token: gemeente.token,
        });
        expect(outcome(response)).toBe('400 malformed-body');
      }
    });

    it('413 payload-too-large for a body over the limit', async () => {
      const huge = step('GM-1');
      // Over the 5 MiB that POST /v1/events takes, room for a batch of 500 events.
      huge.data = { rung: 2, padding: 'x'.repeat(5_300_000) };
      const response = await hub.post('/v1/events', huge, {
        contentType: CLOUDEVENTS,
        token: gemeente.token,
      });
      expect(outcome(response)).toBe('413 payload-too-large');
    });
  });

  describe('a batch (application/cloudevents-batch+json)', () => {
    it('answers each event on its own, applying those of one client in array order', async () => {
      const subject = `GM-${randomUUID()}`;
      const invalid = step(subject, 9);
      const stored = await enrolClient(hub, gemeente);
      const resend = step(stored.subject, 3);
      await publish(hub, gemeente, resend);

      const response = await publishBatch(hub, gemeente, [
        cloudEvent(gemeente, 'client-enrolled', subject, enrolmentData()),
        step(subject, 2),
        invalid,
        step(`GM-${randomUUID()}`),
        resend,
        { ...resend, data: { rung: 4 } },
      ]);

      expect(response.status).toBe(200);
      expect(
        response.body.results.map(
          ({
            index,
            status,
            problem,
          }: {
            index: number;
            status: number;
            problem?: { type: string };
          }) => [index, status, problem?.type.replace(/^.*\//, '')],
        ),
      ).toEqual([
        [0, 201, undefined],
        [1, 201, undefined],
        [2, 400, 'invalid-event'],
        [3, 404, 'unknown-client'],
        [4, 200, undefined],
        [5, 409, 'duplicate-id'],
      ]);
      expect(response.body.results[0].receipt).toMatchObject({
        subject,
        type: 'nl.samenloop.client-enrolled.v1',
      });
      expect(response.body.results[2].problem.errors).toEqual([
        { path: 'data.rung', message: 'rung must not be greater than 6' },
      ]);
      const clientId = await hub.clientOf(gemeente, subject);
      expect((await hub.readStream(clientStream(clientId!))).map(({ type }) => type)).toEqual([
        'nl.samenloop.client-enrolled.v1',
        'nl.samenloop.ladder-step-reached.v1',
      ]);
    });

    it('400 invalid-batch unless it is an array of 1 to 500 events', async () => {
      const tooMany = Array.from({ length: 501 }, () => step('GM-1'));
      for (const body of [[], step('GM-1'), tooMany]) {
        const response = await publishBatch(hub, gemeente, body as never);
        expect(outcome(response)).toBe('400 invalid-batch');
      }
    });
  });

  it('stores all of 50 concurrent writers on one client, none lost, in contiguous revisions', async () => {
    const client = await enrolClient(hub, gemeente);
    const events = Array.from({ length: 50 }, () =>
      cloudEvent(gemeente, 'contact-attempted', client.subject, {
        channel: 'phone',
        outcome: 'no-answer',
      }),
    );

    const responses = await Promise.all(events.map((event) => publish(hub, gemeente, event)));

    expect(responses.map(({ status }) => status)).toEqual(Array(50).fill(201));
    const stream = await hub.readStream(clientStream(client.clientId));
    expect(stream.map(({ revision }) => revision)).toEqual(Array.from({ length: 51 }, (_, i) => i));
    expect(new Set(stream.slice(1).map(({ metadata }) => metadata.eventId))).toEqual(
      new Set(events.map(({ id }) => id)),
    );
    expect(new Set(responses.map(({ body }) => body.position))).toEqual(
      new Set(stream.slice(1).map(({ position }) => position)),
    );
  });

  it('is described in the OpenAPI document with both media types', async () => {
    const { body } = await hub.get('/docs-json');
    const post = body.paths['/v1/events'].post;
    expect(Object.keys(post.requestBody.content)).toEqual([
      'application/cloudevents+json',
      'application/cloudevents-batch+json',
    ]);
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining([
        '200',
        '201',
        '400',
        '401',
        '403',
        '404',
        '409',
        '413',
        '415',
        '422',
      ]),
    );
    expect(post.security).toEqual([{ bearer: [] }]);
  });
});
