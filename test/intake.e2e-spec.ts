import { randomUUID } from 'node:crypto';
import { clientStream, type EventName } from '@samenloop/domain';
import { IntakeModule, intakeMigrations } from '@samenloop/intake';
import { ClientReferenceRegistry } from '@samenloop/sharing';
import { cloudEvent, enrolmentData, validBsn } from '@samenloop/testing';
import { enrolClient, publish, type EnrolledClient } from './support/cloud-events';
import { HubHarness, type TestPartner } from './support/hub-harness';
import { outcome } from './support/problems';

// Every rule of docs/inbound.md, over HTTP, against the hub's intake on a database of its own.
describe('the partner intake (docs/inbound.md rules)', () => {
  let hub: HubHarness;
  let gemeente: TestPartner;
  let ggz: TestPartner;
  let huisarts: TestPartner;
  let werk: TestPartner;
  let woon: TestPartner;
  let welzijn: TestPartner;

  beforeAll(async () => {
    hub = await HubHarness.start({ imports: [IntakeModule], migrations: intakeMigrations });
    gemeente = await hub.partner('municipality', 'gemeente');
    ggz = await hub.partner('mental-health', 'ggz');
    huisarts = await hub.partner('gp', 'huisarts');
    werk = await hub.partner('work-company', 'werk');
    woon = await hub.partner('housing-corporation', 'woon');
    welzijn = await hub.partner('welfare', 'welzijn');
  });

  afterAll(() => hub?.close());

  /** Publishes `name` with `data` as `partner` about the client it calls `subject`. */
  const send = (partner: TestPartner, name: EventName, subject: string, data: object = {}) =>
    publish(hub, partner, cloudEvent(partner, name, subject, data));

  const sent = async (
    partner: TestPartner,
    name: EventName,
    subject: string,
    data: object = {},
  ) => {
    const response = await send(partner, name, subject, data);
    if (response.status !== 201) {
      throw new Error(`${name}: ${response.status} ${JSON.stringify(response.body)}`);
    }
    return response.body;
  };

  /** Involves `partner` by a BSN signal; it then knows the client as `reference`. */
  async function signal(partner: TestPartner, client: EnrolledClient): Promise<string> {
    const reference = `${partner.id}-${randomUUID()}`;
    await sent(partner, 'involvement-signalled', reference, { bsn: client.bsn });
    return reference;
  }

  describe('enrolment', () => {
    it('enrols a client for a municipality and answers with a receipt in its own terms', async () => {
      const subject = `GM-${randomUUID()}`;
      const event = cloudEvent(gemeente, 'client-enrolled', subject, enrolmentData());

      const response = await publish(hub, gemeente, event);

      expect(response.status).toBe(201);
      expect(response.body).toEqual({
        id: event.id,
        source: `urn:samenloop:partner:${gemeente.id}`,
        type: 'nl.samenloop.client-enrolled.v1',
        subject,
        position: expect.any(Number),
        receivedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
      });
      const clientId = await hub.clientOf(gemeente, subject);
      const [stored] = await hub.readStream(clientStream(clientId!));
      expect(stored).toMatchObject({ revision: 0, position: response.body.position });
      expect(JSON.stringify(stored)).not.toMatch(/Anna|de Vries|1975-04-30/);
    });

    it('refuses a second enrolment under the same reference: 409 already-enrolled', async () => {
      const { subject } = await enrolClient(hub, gemeente);
      const again = await send(gemeente, 'client-enrolled', subject, enrolmentData());
      expect(outcome(again)).toBe('409 already-enrolled');
    });

    it('lets only municipalities enrol: 403 type-not-allowed for every other kind', async () => {
      for (const partner of [ggz, huisarts, werk, woon, welzijn]) {
        const response = await send(partner, 'client-enrolled', 'X-1', enrolmentData());
        expect(outcome(response)).toBe('403 type-not-allowed');
      }
    });
  });

  describe('the same source and id again', () => {
    it('with the same content succeeds with the first receipt and is stored once', async () => {
      const client = await enrolClient(hub, gemeente);
      const event = cloudEvent(gemeente, 'ladder-step-reached', client.subject, { rung: 2 });

      const first = await publish(hub, gemeente, event);
      const again = await publish(hub, gemeente, event);

      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body).toEqual(first.body);
      const stream = await hub.readStream(clientStream(client.clientId));
      expect(stream.map(({ type }) => type)).toEqual([
        'nl.samenloop.client-enrolled.v1',
        'nl.samenloop.ladder-step-reached.v1',
      ]);
    });

    it('with other content is 409 duplicate-id', async () => {
      const client = await enrolClient(hub, gemeente);
      const event = cloudEvent(gemeente, 'ladder-step-reached', client.subject, { rung: 2 });
      await publish(hub, gemeente, event);

      const reused = await publish(hub, gemeente, { ...event, data: { rung: 3 } });

      expect(outcome(reused)).toBe('409 duplicate-id');
    });
  });

  describe('unknown-client (404)', () => {
    it('for a reference the partner never used', async () => {
      const response = await send(gemeente, 'contact-attempted', `GM-${randomUUID()}`, {
        channel: 'phone',
        outcome: 'no-answer',
      });
      expect(outcome(response)).toBe('404 unknown-client');
    });

    it("for another partner's reference: references are per partner and mean nothing to others", async () => {
      const client = await enrolClient(hub, gemeente);
      const response = await send(welzijn, 'visit-held', client.subject, {
        location: 'home',
        lifeAreasDiscussed: ['finances'],
      });
      expect(outcome(response)).toBe('404 unknown-client');
    });

    it('for a signal on a BSN no client is enrolled with', async () => {
      const response = await send(ggz, 'involvement-signalled', 'GGZ-1', { bsn: validBsn() });
      expect(outcome(response)).toBe('404 unknown-client');
    });
  });

  describe('not-involved (403)', () => {
    it('for a partner that knows the client (by its pseudonym) but is not involved', async () => {
      const client = await enrolClient(hub, gemeente);
      // The pseudonym the hub hands the housing corporation, e.g. with a shared event.
      const pseudonym = await hub.app
        .get(ClientReferenceRegistry)
        .referenceFor(woon.id, client.clientId);

      const response = await send(woon, 'contact-attempted', pseudonym, {
        channel: 'doorstep',
        outcome: 'no-answer',
      });

      expect(outcome(response)).toBe('403 not-involved');
    });

    it('for a partner whose involvement ended', async () => {
      const client = await enrolClient(hub, gemeente);
      const reference = await signal(ggz, client);
      await sent(ggz, 'contact-attempted', reference, { channel: 'phone', outcome: 'reached' });
      await sent(ggz, 'involvement-ended', reference, { reason: 'treatment finished' });

      const response = await send(ggz, 'contact-attempted', reference, {
        channel: 'phone',
        outcome: 'reached',
      });

      expect(outcome(response)).toBe('403 not-involved');
    });
  });

  describe('type-not-allowed (403)', () => {
    it('for a signal from a kind that may not use the BSN', async () => {
      const client = await enrolClient(hub, gemeente);
      for (const partner of [woon, welzijn]) {
        const response = await send(partner, 'involvement-signalled', 'W-1', { bsn: client.bsn });
        expect(outcome(response)).toBe('403 type-not-allowed');
      }
    });

    it('for a partner erasing a client: that is the administrator’s act', async () => {
      const client = await enrolClient(hub, gemeente);
      const response = await send(gemeente, 'client-erased', client.subject);
      expect(outcome(response)).toBe('403 type-not-allowed');
    });

    it('for closing the case or assigning the lead by an involved partner that does not steer', async () => {
      const client = await enrolClient(hub, gemeente);
      const reference = await signal(huisarts, client);
      const closing = await send(huisarts, 'case-closed', reference, { reason: 'other' });
      const leading = await send(huisarts, 'case-lead-assigned', reference, {
        leadPartner: huisarts.id,
        leadActor: 'dr-1',
      });
      expect(outcome(closing)).toBe('403 type-not-allowed');
      expect(outcome(leading)).toBe('403 type-not-allowed');
    });

    it('for the enrolling municipality leaving the case', async () => {
      const client = await enrolClient(hub, gemeente);
      const response = await send(gemeente, 'involvement-ended', client.subject);
      expect(outcome(response)).toBe('403 type-not-allowed');
    });
  });

  describe('invalid-event (400) with field paths', () => {
    it('lists every invalid field of envelope and data', async () => {
      const data = enrolmentData() as { person: object };
      const event = cloudEvent(
        gemeente,
        'client-enrolled',
        'GM-bad',
        {
          ...data,
          municipality: 'Helmond',
          person: { ...data.person, birthDate: '1975-02-30', nickname: 'An' },
        },
        { traceparent: '00-abc' },
      );

      const response = await publish(hub, gemeente, event);

      expect(outcome(response)).toBe('400 invalid-event');
      expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(response.body.errors).toEqual(
        expect.arrayContaining([
          { path: 'traceparent', message: 'property traceparent should not exist' },
          { path: 'data.municipality', message: 'municipality must be a CBS code such as GM0794' },
          { path: 'data.person.birthDate', message: expect.stringMatching(/real date/) },
          { path: 'data.person.nickname', message: 'property nickname should not exist' },
        ]),
      );
      expect(await hub.clientOf(gemeente, 'GM-bad')).toBeUndefined();
    });

    it('for a rung outside 1-6', async () => {
      const client = await enrolClient(hub, gemeente);
      const response = await send(gemeente, 'ladder-step-reached', client.subject, { rung: 7 });
      expect(outcome(response)).toBe('400 invalid-event');
      expect(response.body.errors).toEqual([
        { path: 'data.rung', message: 'rung must not be greater than 6' },
      ]);
    });

    it('for a time more than 5 minutes ahead, or a BSN failing the eleven test', async () => {
      const client = await enrolClient(hub, gemeente);
      const ahead = cloudEvent(
        gemeente,
        'ladder-step-reached',
        client.subject,
        { rung: 2 },
        {
          time: new Date(Date.now() + 6 * 60_000).toISOString(),
        },
      );
      const future = await publish(hub, gemeente, ahead);
      const badBsn = await send(ggz, 'involvement-signalled', 'GGZ-2', { bsn: '123456789' });

      expect(future.body.errors).toEqual([
        { path: 'time', message: 'time must be at most 5 minutes in the future' },
      ]);
      expect(badBsn.body.errors).toEqual([
        { path: 'data.bsn', message: 'bsn must be nine digits passing the eleven test' },
      ]);
    });

    it('for a life area outside the configured set (the decider’s check)', async () => {
      const client = await enrolClient(hub, gemeente);
      const response = await send(gemeente, 'visit-held', client.subject, {
        location: 'home',
        lifeAreasDiscussed: ['finances', 'astrology'],
      });
      expect(outcome(response)).toBe('400 invalid-event');
      expect(response.body.errors).toEqual([
        { path: 'data.lifeAreasDiscussed[1]', message: expect.stringMatching(/astrology/) },
      ]);
    });
  });

  describe('the state of the case (422)', () => {
    it('case-closed: nothing more after the case closed', async () => {
      const client = await enrolClient(hub, gemeente);
      await sent(gemeente, 'case-closed', client.subject, { reason: 'goal-reached' });
      const response = await send(gemeente, 'visit-held', client.subject, {
        location: 'office',
        lifeAreasDiscussed: ['work-education'],
      });
      expect(outcome(response)).toBe('422 case-closed');
    });

    it('referral-state: accepted twice, completed before accepted, accepted by another partner', async () => {
      const client = await enrolClient(hub, gemeente);
      const ggzReference = await signal(ggz, client);
      const refer = (referralId: string) =>
        sent(gemeente, 'referral-made', client.subject, {
          referralId,
          service: 'mental-health',
          toPartner: ggz.id,
        });
      await refer('r-1');
      await refer('r-2');
      await refer('r-3');
      await sent(ggz, 'referral-accepted', ggzReference, { referralId: 'r-1' });

      const twice = await send(ggz, 'referral-accepted', ggzReference, { referralId: 'r-1' });
      const early = await send(ggz, 'referral-completed', ggzReference, {
        referralId: 'r-2',
        outcome: 'attended',
      });
      const other = await send(gemeente, 'referral-accepted', client.subject, {
        referralId: 'r-3',
      });
      const again = await send(gemeente, 'referral-made', client.subject, {
        referralId: 'r-1',
        service: 'debt-help',
      });

      expect([twice, early, other, again].map(outcome)).toEqual(
        Array(4).fill('422 referral-state'),
      );
    });

    it('goal-state: a goal unknown, already closed or set twice', async () => {
      const client = await enrolClient(hub, gemeente);
      const unknown = await send(gemeente, 'goal-achieved', client.subject, { goalId: 'g-0' });
      const goal = { goalId: 'g-1', lifeArea: 'finances', description: 'No new debts' };
      await sent(gemeente, 'goal-set', client.subject, goal);
      const twice = await send(gemeente, 'goal-set', client.subject, goal);
      await sent(gemeente, 'goal-achieved', client.subject, { goalId: 'g-1' });
      const closed = await send(gemeente, 'goal-abandoned', client.subject, { goalId: 'g-1' });

      expect([unknown, twice, closed].map(outcome)).toEqual(Array(3).fill('422 goal-state'));
    });

    it('lead-not-involved: the lead must be an involved partner', async () => {
      const client = await enrolClient(hub, gemeente);
      const notInvolved = await send(gemeente, 'case-lead-assigned', client.subject, {
        leadPartner: werk.id,
        leadActor: 'coach-1',
      });
      await signal(werk, client);
      const involved = await send(gemeente, 'case-lead-assigned', client.subject, {
        leadPartner: werk.id,
        leadActor: 'coach-1',
      });

      expect(outcome(notInvolved)).toBe('422 lead-not-involved');
      expect(outcome(involved)).toBe('201');
    });
  });

  it('source-mismatch (403): the source must name the authenticated partner', async () => {
    const client = await enrolClient(hub, gemeente);
    const event = cloudEvent(ggz, 'ladder-step-reached', client.subject, { rung: 2 });
    const response = await publish(hub, gemeente, event);
    expect(outcome(response)).toBe('403 source-mismatch');
  });
});
