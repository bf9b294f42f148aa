import { randomUUID } from 'node:crypto';
import { AccessLog } from '@samenloop/privacy';
import { clientStream, evolveAll, toClientCaseEvent } from '@samenloop/domain';
import { IntakeModule, intakeMigrations } from '@samenloop/intake';
import { AppConfig } from '@samenloop/platform';
import { readModelsMigrations } from '@samenloop/read-models';
import { cloudEvent } from '@samenloop/testing';
import { auditBehindSignIn, sessionHeaders } from './support/auditor-session';
import { enrolClient, publish, type EnrolledClient } from './support/cloud-events';
import { HubHarness, type HubResponse, type TestPartner } from './support/hub-harness';
import { outcome } from './support/problems';

const migrations = [...intakeMigrations, ...readModelsMigrations];

async function get(hub: HubHarness, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${hub.url}${path}`, { headers });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('json');
  return {
    status: response.status,
    headers: response.headers,
    body: json && text ? JSON.parse(text) : text,
  } as HubResponse;
}

describe('the audit API', () => {
  let hub: HubHarness;
  let gemeente: TestPartner;
  let auditor: Record<string, string>;

  beforeAll(async () => {
    hub = await HubHarness.start({
      imports: [IntakeModule, auditBehindSignIn()],
      migrations,
    });
    gemeente = await hub.partner('municipality', 'gemeente');
    auditor = await sessionHeaders(hub, 'privacy-officer');
  });
  afterAll(() => hub?.close());

  const sent = async (name: Parameters<typeof cloudEvent>[1], subject: string, data: object) => {
    const response = await publish(hub, gemeente, cloudEvent(gemeente, name, subject, data));
    if (response.status !== 201) throw new Error(`${name}: ${JSON.stringify(response.body)}`);
    return response.body as { position: number; receivedAt: string };
  };
  const ref = (client: EnrolledClient) => encodeURIComponent(`${gemeente.id}:${client.subject}`);

  it('admits signed-in auditors only, not the administrator token', async () => {
    const client = await enrolClient(hub, gemeente);
    const adminToken = { authorization: `Bearer ${hub.app.get(AppConfig).SAMENLOOP_ADMIN_TOKEN!}` };
    const otherRoles = [
      await sessionHeaders(hub, 'beheerder', 'admin'),
      await sessionHeaders(hub, 'lead@ggz', 'case-lead'),
    ];
    for (const path of [
      '/v1/audit/access-log',
      `/v1/audit/clients/${client.clientId}/state`,
      `/v1/audit/clients/${client.clientId}/export`,
    ]) {
      expect(outcome(await get(hub, path))).toBe('401 unauthorized');
      const partner = await get(hub, path, { authorization: `Bearer ${gemeente.token}` });
      expect(outcome(partner)).toBe('401 unauthorized');
      expect(outcome(await get(hub, path, adminToken))).toBe('401 unauthorized');
      for (const session of otherRoles) {
        expect(outcome(await get(hub, path, session))).toBe('403 not-auditor');
      }
      expect((await get(hub, path, auditor)).status).toBe(200);
    }
  });

  it('is described in the OpenAPI document', async () => {
    const { body } = await get(hub, '/docs-json');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/audit/access-log',
        '/v1/audit/clients/{ref}/state',
        '/v1/audit/clients/{ref}/export',
        '/v1/admin/clients/{ref}/erase',
      ]),
    );
  });

  it('names unknown clients, bad references and bad moments as problems', async () => {
    expect(outcome(await get(hub, `/v1/audit/clients/${randomUUID()}/state`, auditor))).toBe(
      '404 unknown-client',
    );
    expect(outcome(await get(hub, `/v1/audit/clients/${gemeente.id}%3Anope/state`, auditor))).toBe(
      '404 unknown-client',
    );
    expect(outcome(await get(hub, '/v1/audit/clients/GM-1/state', auditor))).toBe(
      '400 invalid-client-reference',
    );
    const client = await enrolClient(hub, gemeente);
    expect(
      outcome(await get(hub, `/v1/audit/clients/${ref(client)}/state?asOf=yesterday`, auditor)),
    ).toBe('400 invalid-as-of');
    expect(outcome(await get(hub, '/v1/audit/access-log?limit=0', auditor))).toBe(
      '400 validation-failed',
    );
    expect(outcome(await get(hub, '/v1/audit/access-log?after=bm9wZQ', auditor))).toBe(
      '400 invalid-cursor',
    );
  });

  describe('replay as of a moment', () => {
    let client: EnrolledClient;
    let then: { position: number; receivedAt: string };
    let live: HubResponse;
    let liveFromStream: ReturnType<typeof evolveAll>;

    beforeAll(async () => {
      client = await enrolClient(hub, gemeente);
      await sent('contact-attempted', client.subject, { channel: 'phone', outcome: 'no-answer' });
      then = await sent('ladder-step-reached', client.subject, { rung: 2 });
      // The state the live system has at this moment, as the API and as the decider see it.
      live = await get(hub, `/v1/audit/clients/${ref(client)}/state`, auditor);
      liveFromStream = evolveAll(
        (await hub.readStream(clientStream(client.clientId))).map(toClientCaseEvent),
      );
      await sent('ladder-step-reached', client.subject, { rung: 3 });
      await sent('case-closed', client.subject, { reason: 'moved' });
    });

    it('rebuilds, as of an earlier position, the state the live system had then', async () => {
      const replay = await get(
        hub,
        `/v1/audit/clients/${ref(client)}/state?asOf=${then.position}`,
        auditor,
      );

      expect(replay.status).toBe(200);
      expect(replay.body.state).toEqual(live.body.state);
      expect(replay.body.timeline).toEqual(live.body.timeline);
      expect(replay.body).toMatchObject({
        clientId: client.clientId,
        asOf: { position: then.position },
        position: then.position,
        revision: 2,
      });
      expect(replay.body.state).toMatchObject({
        status: 'open',
        ladder: [
          { rung: 1, at: expect.any(String) },
          { rung: 2, at: expect.any(String) },
        ],
        person: { givenName: 'Anna', familyName: 'de Vries', birthDate: '1975-04-30' },
      });
      expect(liveFromStream).toMatchObject({ status: 'open', ladder: replay.body.state.ladder });
    });

    it('gives the same as of the time the event was recorded, by either reference', async () => {
      const byTime = await get(
        hub,
        `/v1/audit/clients/${client.clientId}/state?asOf=${encodeURIComponent(then.receivedAt)}`,
        auditor,
      );
      expect(byTime.body.state).toEqual(live.body.state);
      expect(byTime.body.asOf).toEqual({ time: then.receivedAt, by: 'recorded' });
    });

    it('shows, by happened time, an event reported late that the hub had not recorded then', async () => {
      const late = await enrolClient(hub, gemeente);
      const step = cloudEvent(gemeente, 'ladder-step-reached', late.subject, { rung: 4 });
      const reported = await publish(hub, gemeente, {
        ...step,
        time: new Date(Date.now() - 86_400_000).toISOString(),
      });
      const between = encodeURIComponent(
        new Date(Date.parse(reported.body.receivedAt) - 1).toISOString(),
      );
      const replay = (by: string) =>
        get(hub, `/v1/audit/clients/${ref(late)}/state?asOf=${between}&by=${by}`, auditor);
      const rungs = (response: HubResponse) =>
        response.body.timeline.map((entry: { type: string }) => entry.type);

      expect(rungs(await replay('recorded'))).not.toContain('nl.samenloop.ladder-step-reached.v1');
      expect(rungs(await replay('happened'))).toContain('nl.samenloop.ladder-step-reached.v1');
      expect(
        outcome(await get(hub, `/v1/audit/clients/${ref(late)}/state?asOf=1&by=happened`, auditor)),
      ).toBe('400 invalid-as-of');
    });

    it('shows the case as it is now without a moment', async () => {
      const now = await get(hub, `/v1/audit/clients/${ref(client)}/state`, auditor);
      expect(now.body.state).toMatchObject({ status: 'closed', closeReason: 'moved' });
      const lines = now.body.timeline.map(
        (entry: { partnerId: string; actor?: string; summary: string }) =>
          `${entry.partnerId} (${entry.actor}): ${entry.summary}`,
      );
      expect(lines).toEqual([
        expect.stringMatching(/Enrolled with municipality GM0794/),
        `${gemeente.id} (emp-1234): Contact attempt by phone: no answer`,
        expect.stringMatching(
          new RegExp(`^${gemeente.id} \\(emp-1234\\): Participation ladder: rung 2 `),
        ),
        expect.stringMatching(
          new RegExp(`^${gemeente.id} \\(emp-1234\\): Participation ladder: rung 3 `),
        ),
        `${gemeente.id} (emp-1234): Case closed: moved`,
      ]);
    });

    it('shows nothing before the client existed', async () => {
      const before = await get(
        hub,
        `/v1/audit/clients/${client.clientId}/state?asOf=2000-01-01T00:00:00Z`,
        auditor,
      );
      expect(before.body).toMatchObject({
        position: null,
        timeline: [],
        state: { enrolled: false },
      });
    });
  });

  describe('the access log', () => {
    it('logs every auditor read, and lists a client’s entries in chronological order', async () => {
      const client = await enrolClient(hub, gemeente);
      await get(hub, `/v1/audit/clients/${ref(client)}/state?asOf=1`, auditor);
      await get(hub, `/v1/audit/clients/${client.clientId}/export`, auditor);

      const log = await get(hub, `/v1/audit/access-log?client=${ref(client)}`, auditor);

      expect(log.status).toBe(200);
      expect(
        log.body.entries.map((e: { action: string; user: string; clientId: string }) => [
          e.action,
          e.user,
          e.clientId,
        ]),
      ).toEqual([
        ['audit.replay', 'privacy-officer', client.clientId],
        ['audit.export', 'privacy-officer', client.clientId],
        ['audit.access-log.read', 'privacy-officer', client.clientId],
      ]);
      expect(log.body.entries[0]).toMatchObject({
        accessPoint: 'GET /v1/audit/clients/{ref}/state',
        authorisation: { basis: 'role', reference: 'auditor' },
        emergency: false,
        detail: { asOf: '1' },
        origin: '127.0.0.1',
      });
      const times = log.body.entries.map((e: { occurredAt: string }) => e.occurredAt);
      expect([...times].sort()).toEqual(times);
    });

    it('records what other libs log, and filters by user, partner, action and time', async () => {
      const client = await enrolClient(hub, gemeente);
      const at = new Date('2020-02-02T10:00:00.000Z');
      await hub.app.get(AccessLog).recordAll([
        {
          action: 'timeline.view',
          clientId: client.clientId,
          user: 'emp-1',
          partnerId: 'ggz-oost',
          accessPoint: 'GET /v1/dashboard/clients/{ref}/timeline',
          authorisation: { basis: 'consent', reference: 'consent-event-7' },
          occurredAt: at,
        },
        {
          action: 'kafka.delivery',
          clientId: client.clientId,
          user: 'system:relay',
          partnerId: 'woon-1',
          accessPoint: 'kafka:samenloop.partner.woon-1',
          authorisation: { basis: 'agreement', reference: 'convenant-2026', version: '2' },
          emergency: true,
          occurredAt: new Date(at.getTime() + 60_000),
          detail: { positions: [3, 4] },
        },
      ]);

      const query = (filter: string) =>
        get(hub, `/v1/audit/access-log?client=${client.clientId}&${filter}`, auditor);
      const summary = (response: HubResponse) =>
        response.body.entries.map((e: { action: string }) => e.action);
      expect(summary(await query('user=emp-1'))).toEqual(['timeline.view']);
      expect(summary(await query('partner=woon-1'))).toEqual(['kafka.delivery']);
      expect(summary(await query('action=kafka.delivery'))).toEqual(['kafka.delivery']);
      expect(summary(await query(`from=2020-02-02T10:00:00Z&to=2020-02-02T10:01:00Z`))).toEqual([
        'timeline.view',
      ]);
      const page = await query('limit=1');
      expect(page.body.entries).toHaveLength(1);
      const rest = await query(`limit=10&after=${page.body.next}`);
      // Each of the six queries logged itself first.
      expect(summary(rest)).toEqual([
        'kafka.delivery',
        ...Array<string>(6).fill('audit.access-log.read'),
      ]);
    });
    it('names each entry’s channel and what it disclosed, and searches by channel', async () => {
      const client = await enrolClient(hub, gemeente);
      const contact = await sent('contact-attempted', client.subject, {
        channel: 'phone',
        outcome: 'no-answer',
      });
      const ladder = await sent('ladder-step-reached', client.subject, { rung: 2 });
      await hub.app.get(AccessLog).record({
        action: 'webhook.delivery',
        clientId: client.clientId,
        user: 'system:webhook',
        partnerId: 'ggz-oost',
        accessPoint: 'webhook:sub-1',
        authorisation: { basis: 'agreement', reference: 'ggz-oost', version: '3' },
        detail: { positions: [contact.position, ladder.position] },
      });

      const webhooks = await get(
        hub,
        `/v1/audit/access-log?client=${client.clientId}&channel=webhook`,
        auditor,
      );

      expect(webhooks.body.entries).toHaveLength(1);
      expect(webhooks.body.entries[0]).toMatchObject({
        channel: 'webhook',
        partnerId: 'ggz-oost',
        authorisation: { basis: 'agreement', version: '3' },
        disclosed: {
          types: ['nl.samenloop.contact-attempted.v1', 'nl.samenloop.ladder-step-reached.v1'],
          categories: ['assessment', 'contact'],
        },
      });
      const audits = await get(
        hub,
        `/v1/audit/access-log?client=${client.clientId}&channel=audit`,
        auditor,
      );
      expect(
        audits.body.entries.map((e: { channel: string; disclosed: unknown }) => [
          e.channel,
          e.disclosed,
        ]),
      ).toEqual([
        ['audit', null],
        ['audit', null],
      ]);
      expect(outcome(await get(hub, '/v1/audit/access-log?channel=carrier-pigeon', auditor))).toBe(
        '400 validation-failed',
      );
    });
  });

  describe('the subject access export', () => {
    it('holds the decrypted person, every event and every access, this export included', async () => {
      const client = await enrolClient(hub, gemeente);
      await sent('ladder-step-reached', client.subject, { rung: 4 });

      const response = await get(hub, `/v1/audit/clients/${ref(client)}/export`, auditor);

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        format: 'samenloop-subject-access-v1',
        client: {
          clientId: client.clientId,
          status: 'open',
          person: { givenName: 'Anna', familyName: 'de Vries', bsn: client.bsn },
          references: { [gemeente.id]: client.subject },
        },
      });
      expect(response.body.events.map((e: { type: string }) => e.type)).toEqual([
        'nl.samenloop.client-enrolled.v1',
        'nl.samenloop.ladder-step-reached.v1',
      ]);
      expect(response.body.events[0].data.person).toMatchObject({ givenName: 'Anna' });
      expect(response.body.events[0].subject).toBe(client.subject);
      expect(response.body.accessLog.map((e: { action: string }) => e.action)).toEqual([
        'audit.export',
      ]);
    });

    it('renders a readable, escaped HTML report', async () => {
      const client = await enrolClient(hub, gemeente);
      const response = await get(
        hub,
        `/v1/audit/clients/${client.clientId}/export?format=html`,
        auditor,
      );

      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(response.body).toContain('<h1>Inzage: wat Samenloop over u bewaart</h1>');
      expect(response.body).toContain('<td>de Vries</td>');
      expect(response.body).toContain(client.subject);
      expect(response.body).toContain(`${gemeente.id} heeft u aangemeld bij de gemeente`);
      const english = await get(
        hub,
        `/v1/audit/clients/${client.clientId}/export?format=html&lang=en`,
        auditor,
      );
      expect(english.body).toContain('<h1>Subject access: what Samenloop holds about you</h1>');
      expect(english.body).toContain(`${gemeente.id} enrolled you with the municipality`);
      for (const query of ['format=pdf', 'format=html&lang=de']) {
        expect(
          outcome(await get(hub, `/v1/audit/clients/${client.clientId}/export?${query}`, auditor)),
        ).toBe('400 validation-failed');
      }
    });
  });
});
