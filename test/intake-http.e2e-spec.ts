import { clientStream } from '@samenloop/domain';
import { randomUUID } from 'node:crypto';
import { CloudEvent, HTTP, type Message } from 'cloudevents';
import { CLOUDEVENTS_MEDIA_TYPE as CLOUDEVENTS, sourceOf } from '@samenloop/contracts';
import { IntakeModule, intakeMigrations } from '@samenloop/intake';
import { cloudEvent, enrolmentData } from '@samenloop/testing';
import { enrolClient, publish, publishBatch } from './support/cloud-events';
import { HubHarness, type HubResponse, type TestPartner } from './support/hub-harness';
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

  describe('the official CloudEvents SDK (cloudevents on npm)', () => {
    // What the SDK's emitters send: its headers and body, posted as they are.
    const send = async (
      { headers, body }: Message,
      changes: Record<string, string> = {},
    ): Promise<HubResponse> => {
      const response = await fetch(`${hub.url}/v1/events`, {
        method: 'POST',
        headers: { ...headers, ...changes, authorization: `Bearer ${gemeente.token}` },
        body: String(body),
      });
      return { status: response.status, headers: response.headers, body: await response.json() };
    };
    const sdkStep = (subject: string, type = 'nl.samenloop.ladder-step-reached.v1') =>
      new CloudEvent({
        source: sourceOf(gemeente.id),
        type,
        subject,
        time: new Date(Date.now() - 60_000).toISOString(),
        actor: 'emp-1234',
        data: { rung: 3 },
      });

    it('stores an event in binary mode and in structured mode alike, resends answered 200', async () => {
      const { subject, clientId } = await enrolClient(hub, gemeente);
      const binary = sdkStep(subject);
      const structured = sdkStep(subject);

      const stored = await send(HTTP.binary(binary));
      const alsoStored = await send(HTTP.structured(structured));
      const resent = await send(HTTP.binary(binary));

      expect([stored, alsoStored, resent].map(({ status }) => status)).toEqual([201, 201, 200]);
      expect(resent.body).toEqual(stored.body);
      expect(stored.body).toMatchObject({ id: binary.id, subject, type: binary.type });
      const stream = await hub.readStream(clientStream(clientId));
      expect(stream.slice(1).map(({ metadata }) => metadata.eventId)).toEqual([
        binary.id,
        structured.id,
      ]);
    });

    it('400 invalid-event naming id when ce-id is missing', async () => {
      const { headers, body } = HTTP.binary(sdkStep('GM-1'));
      const { ['ce-id']: _, ...withoutId } = headers;

      const response = await send({ headers: withoutId, body });

      expect(outcome(response)).toBe('400 invalid-event');
      expect(response.body.errors).toEqual([
        { path: 'id', message: 'the ce-id header is missing' },
      ]);
    });

    it('refuses an unknown type with the same problem in both modes', async () => {
      const event = sdkStep('GM-1', 'nl.samenloop.unknown.v1');

      const [binary, structured] = await Promise.all([
        send(HTTP.binary(event)),
        send(HTTP.structured(event)),
      ]);

      expect(outcome(binary)).toBe('400 invalid-event');
      expect(binary.body.errors).toEqual(structured.body.errors);
      expect(binary.body.detail).toBe(structured.body.detail);
      expect(binary.body.errors.map(({ path }: { path: string }) => path)).toEqual(['type']);
    });

    it('ignores ce- headers beside a structured event, as the binding allows: its body counts', async () => {
      const { subject } = await enrolClient(hub, gemeente);
      const event = sdkStep(subject);
      const response = await send(HTTP.structured(event), {
        'ce-specversion': '1.0',
        'ce-id': 'another-id',
        'ce-type': 'nl.samenloop.unknown.v1',
      });

      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ id: event.id, type: event.type });
    });

    it('415 unsupported-media-type for a binary-mode body that is not JSON', async () => {
      const response = await send(HTTP.binary(sdkStep('GM-1')), { 'content-type': 'text/plain' });
      expect(outcome(response)).toBe('415 unsupported-media-type');
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

  it('is described in the OpenAPI document with its media types and binary-mode headers', async () => {
    const { body } = await hub.get('/docs-json');
    const post = body.paths['/v1/events'].post;
    expect(Object.keys(post.requestBody.content)).toEqual([
      'application/cloudevents+json',
      'application/cloudevents-batch+json',
      'application/json',
    ]);
    expect(post.parameters.filter(({ in: where }: { in: string }) => where === 'header')).toEqual(
      ['specversion', 'id', 'source', 'type', 'subject', 'time', 'actor', 'dataschema'].map(
        (attribute) => expect.objectContaining({ name: `ce-${attribute}`, required: false }),
      ),
    );
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
    expect(post.security).toEqual([{ partnerToken: [] }]);
  });
});
