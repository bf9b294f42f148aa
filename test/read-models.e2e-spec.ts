import { ZRM_2017_LIFE_AREAS, type EventName } from '@samenloop/domain';
import { IntakeModule, intakeMigrations } from '@samenloop/intake';
import { ReadModelsModule, readModelsMigrations } from '@samenloop/read-models';
import {
  type CaseloadPage,
  type ClientDetail,
  type Outcomes,
  type TimelinePage,
} from '@samenloop/contracts';
import { AccountsService } from '@samenloop/identity';
import { ClientReferenceRegistry } from '@samenloop/sharing';
import { cloudEvent, enrolmentData, validBsn } from '@samenloop/testing';
import { publish } from './support/cloud-events';
import { projectedUpTo, signIn as signInAt } from './support/dashboard-session';
import { HubHarness, type TestPartner } from './support/hub-harness';
import { outcome } from './support/problems';

const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const PASSWORD = 'een lang genoeg wachtwoord';

interface Posted {
  client: string;
  partner: TestPartner;
  name: EventName;
  data: Record<string, unknown>;
  time: string;
}

// The dashboard over HTTP: partners publish through the intake, the hub's own workers project,
// a case lead signs in and reads.
describe('the dashboard API over the read models', () => {
  let hub: HubHarness;
  let gemeente: TestPartner;
  let ggz: TestPartner;
  let werk: TestPartner;
  let buurgemeente: TestPartner;
  const posted: Posted[] = [];
  const references = new Map<string, Map<string, string>>();
  let lastPosition = 0;

  async function send(
    partner: TestPartner,
    client: string,
    name: EventName,
    data: object,
    time: string,
  ) {
    const subject = references.get(client)?.get(partner.id) ?? `${partner.id}-${client}`;
    const response = await publish(
      hub,
      partner,
      cloudEvent(partner, name, subject, data, { time }),
    );
    if (response.status !== 201)
      throw new Error(`${name}: ${response.status} ${JSON.stringify(response.body)}`);
    lastPosition = Math.max(lastPosition, response.body.position);
    posted.push({ client, partner, name, data: data as Record<string, unknown>, time });
    references.set(client, (references.get(client) ?? new Map()).set(partner.id, subject));
  }

  async function enrol(municipality: TestPartner, client: string, days: number): Promise<string> {
    const bsn = validBsn();
    await send(municipality, client, 'client-enrolled', enrolmentData(bsn), daysAgo(days));
    return bsn;
  }

  /** Waits until every projection has passed the last event published. */
  const projected = () => projectedUpTo(hub, lastPosition);
  const signIn = (username: string) => signInAt(hub, username, PASSWORD);

  async function read<T>(cookie: string, path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${hub.url}${path}`, { headers: { cookie } });
    return { status: response.status, body: (await response.json()) as T };
  }

  const ref = (client: string, partner: TestPartner) => references.get(client)!.get(partner.id)!;

  beforeAll(async () => {
    hub = await HubHarness.start({
      imports: [IntakeModule, ReadModelsModule],
      migrations: [...intakeMigrations, ...readModelsMigrations],
    });
    gemeente = await hub.partner('municipality', 'gemeente');
    ggz = await hub.partner('mental-health', 'ggz');
    werk = await hub.partner('work-company', 'werk');
    buurgemeente = await hub.partner('municipality', 'buurgemeente');
    const accounts = hub.app.get(AccountsService);
    for (const partner of [gemeente, ggz]) {
      await accounts.create({
        username: `lead@${partner.id}`,
        displayName: `Regie ${partner.id}`,
        role: 'case-lead',
        partnerId: partner.id,
        password: PASSWORD,
      });
    }
    await accounts.create({
      username: 'auditor',
      displayName: 'Auditor',
      role: 'auditor',
      password: PASSWORD,
    });

    // Anna: three partners around her, GGZ's assessment under professional secrecy.
    const annaBsn = await enrol(gemeente, 'anna', 40);
    await send(ggz, 'anna', 'involvement-signalled', { bsn: annaBsn }, daysAgo(39));
    await send(werk, 'anna', 'involvement-signalled', { bsn: annaBsn }, daysAgo(38));
    await send(
      gemeente,
      'anna',
      'case-lead-assigned',
      { leadPartner: gemeente.id, leadActor: 'emp-1001' },
      daysAgo(37),
    );
    await send(
      gemeente,
      'anna',
      'goal-set',
      { goalId: 'g1', lifeArea: 'time-use', description: 'Koffie schenken in het BOP' },
      daysAgo(30),
    );
    for (const days of [20, 15, 10]) {
      await send(
        gemeente,
        'anna',
        'contact-attempted',
        { channel: 'phone', outcome: 'no-answer' },
        daysAgo(days),
      );
    }
    await send(
      gemeente,
      'anna',
      'contact-attempted',
      { channel: 'phone', outcome: 'appointment-made' },
      daysAgo(8),
    );
    await send(
      gemeente,
      'anna',
      'referral-made',
      { referralId: 'r1', service: 'work-activation', toPartner: werk.id },
      daysAgo(25),
    );
    await send(
      ggz,
      'anna',
      'visit-held',
      { location: 'home', lifeAreasDiscussed: ['mental-health'], notes: 'Zorgen om schulden' },
      daysAgo(5),
    );
    const scores = Object.fromEntries(ZRM_2017_LIFE_AREAS.map((area) => [area, 3]));
    await send(ggz, 'anna', 'life-areas-assessed', { instrument: 'ZRM-2017', scores }, daysAgo(4));
    await send(
      werk,
      'anna',
      'visit-held',
      { location: 'partner-site', lifeAreasDiscussed: ['work-education'] },
      daysAgo(3),
    );
    await send(gemeente, 'anna', 'ladder-step-reached', { rung: 2 }, daysAgo(2));
    await send(gemeente, 'anna', 'goal-achieved', { goalId: 'g1' }, daysAgo(1));

    // Bram: unreachable so far, and nobody leads.
    await enrol(gemeente, 'bram', 20);
    for (const days of [15, 10, 5]) {
      await send(
        gemeente,
        'bram',
        'contact-attempted',
        { channel: 'letter', outcome: 'no-answer' },
        daysAgo(days),
      );
    }

    // Cees, of another municipality.
    await enrol(buurgemeente, 'cees', 50);
    await send(
      buurgemeente,
      'cees',
      'contact-attempted',
      { channel: 'phone', outcome: 'appointment-made' },
      daysAgo(49),
    );
    await send(
      buurgemeente,
      'cees',
      'goal-set',
      { goalId: 'g1', lifeArea: 'finances', description: 'Overzicht' },
      daysAgo(45),
    );
    await send(buurgemeente, 'cees', 'ladder-step-reached', { rung: 1 }, daysAgo(20));
    await projected();
  });

  afterAll(() => hub?.close());

  it('shows a case lead the clients its partner is involved with, with signals', async () => {
    const cookie = await signIn(`lead@${gemeente.id}`);
    const { status, body } = await read<CaseloadPage>(
      cookie,
      '/v1/dashboard/caseload?sort=reference',
    );

    expect(status).toBe(200);
    expect(body.total).toBe(2);
    const anna = body.rows.find(({ reference }) => reference === ref('anna', gemeente))!;
    expect(anna).toMatchObject({
      displayName: 'Anna de Vries',
      status: 'open',
      lead: { partnerId: gemeente.id, actor: 'emp-1001' },
      ledByViewer: true,
      firstRung: 1,
      currentRung: 2,
      // Werk's visit is the latest contact.
      lastContactAt: posted.find(({ partner, name }) => partner === werk && name === 'visit-held')!
        .time,
      attemptsSinceLastContact: 0,
      openReferrals: 1,
      openGoals: 0,
      reachedGoals: 1,
    });
    expect(anna.involvedPartners.map(({ id }) => id).sort()).toEqual(
      [gemeente.id, ggz.id, werk.id].sort(),
    );
    expect(anna.signals.map(({ rule }) => rule).sort()).toEqual([
      'referral-unanswered',
      'working-past-each-other',
    ]);
    const bram = body.rows.find(({ reference }) => reference === ref('bram', gemeente))!;
    expect(bram.signals.map(({ rule }) => rule).sort()).toEqual([
      'no-case-lead',
      'unreached-after-attempts',
    ]);
    expect(bram.signals.find(({ rule }) => rule === 'unreached-after-attempts')).toEqual({
      rule: 'unreached-after-attempts',
      since: posted.filter(
        ({ client, name }) => client === 'bram' && name === 'contact-attempted',
      )[2]!.time,
      summary: '3 contactpogingen in de afgelopen 30 dagen zonder de cliënt te bereiken',
    });
  });

  it('filters the caseload by scope and signal, in English on request', async () => {
    const cookie = await signIn(`lead@${gemeente.id}`);
    const mine = await read<CaseloadPage>(cookie, '/v1/dashboard/caseload?scope=mine');
    expect(mine.body.rows.map(({ reference }) => reference)).toEqual([ref('anna', gemeente)]);
    const unreached = await read<CaseloadPage>(
      cookie,
      '/v1/dashboard/caseload?signal=unreached-after-attempts&lang=en',
    );
    expect(unreached.body.rows.map(({ reference }) => reference)).toEqual([ref('bram', gemeente)]);
    expect(unreached.body.rows[0]!.signals.map(({ summary }) => summary)).toContain(
      'No case lead assigned',
    );
  });

  it('merges the timeline of three partners in order, restricting what the viewer may not read', async () => {
    const cookie = await signIn(`lead@${gemeente.id}`);
    const { status, body } = await read<TimelinePage>(
      cookie,
      `/v1/dashboard/clients/${ref('anna', gemeente)}/timeline`,
    );

    expect(status).toBe(200);
    const annas = posted
      .filter(({ client }) => client === 'anna')
      .sort((a, b) => a.time.localeCompare(b.time));
    expect(body.entries.map(({ occurredAt, partner }) => [occurredAt, partner.id])).toEqual(
      annas.map(({ time, partner }) => [time, partner.id]),
    );
    expect(new Set(body.entries.map(({ partner }) => partner.id))).toEqual(
      new Set([gemeente.id, ggz.id, werk.id]),
    );
    const assessedAt = annas.find(({ name }) => name === 'life-areas-assessed')!.time;
    const assessment = body.entries.find(({ occurredAt }) => occurredAt === assessedAt);
    expect(assessment).toEqual({
      position: expect.any(Number),
      occurredAt: assessedAt,
      partner: { id: ggz.id, name: 'Test ggz', kind: 'mental-health' },
      restricted: true,
    });
    const visit = body.entries.find(
      (entry) => !entry.restricted && entry.type === 'nl.samenloop.visit-held.v1',
    );
    expect(visit).toMatchObject({
      category: 'contact',
      actor: 'emp-1234',
      summary: 'Gesprek thuis; besproken: geestelijke gezondheid',
    });
    expect(JSON.stringify(body)).not.toMatch(/schulden|Koffie|Anna/);

    // NEN 7513: the view is in the access log, with who, for which partner and under what.
    const annaId = await hub.clientOf(gemeente, ref('anna', gemeente));
    const logged = await hub.db.pool.query(
      `SELECT user_id, partner_id, access_point, authorisation FROM access_log
       WHERE action = 'timeline.view' AND client_id = $1`,
      [annaId],
    );
    expect(logged.rows).toEqual([
      {
        user_id: `lead@${gemeente.id}`,
        partner_id: gemeente.id,
        access_point: 'GET /v1/dashboard/clients/{reference}/timeline',
        authorisation: { basis: 'agreement', reference: gemeente.id, version: expect.any(String) },
      },
    ]);
  });

  it('shows the client’s detail as far as the viewer may see it', async () => {
    const cookie = await signIn(`lead@${gemeente.id}`);
    const { body } = await read<ClientDetail>(
      cookie,
      `/v1/dashboard/clients/${ref('anna', gemeente)}`,
    );
    expect(body).toMatchObject({
      reference: ref('anna', gemeente),
      displayName: 'Anna de Vries',
      municipality: 'GM0794',
      ladder: [{ rung: 1 }, { rung: 2 }],
      // GGZ's assessment, without the client's consent, is not the municipality's to see.
      lifeAreas: null,
      referrals: [{ referralId: 'r1', service: 'work-activation', status: 'made', ageDays: 25 }],
      goals: [{ goalId: 'g1', description: 'Koffie schenken in het BOP', status: 'achieved' }],
    });

    const asGgz = await signIn(`lead@${ggz.id}`);
    const ggzView = await read<ClientDetail>(asGgz, `/v1/dashboard/clients/${ref('anna', ggz)}`);
    expect(ggzView.body.lifeAreas).toMatchObject({ instrument: 'ZRM-2017' });
    // The municipality's goal reaches GGZ without its free-text description (agreement).
    expect(ggzView.body.goals).toEqual([
      { goalId: 'g1', lifeArea: 'time-use', description: { restricted: true }, status: 'achieved' },
    ]);
  });

  it('answers 404 for a client the partner is not involved with', async () => {
    const cookie = await signIn(`lead@${ggz.id}`);
    const bramForGgz = await hub.app
      .get(ClientReferenceRegistry)
      .referenceFor(ggz.id, (await hub.clientOf(gemeente, ref('bram', gemeente)))!);
    for (const reference of [bramForGgz, ref('bram', gemeente), 'no-such-reference']) {
      const response = await fetch(`${hub.url}/v1/dashboard/clients/${reference}/timeline`, {
        headers: { cookie },
      });
      expect(
        outcome({
          status: response.status,
          headers: response.headers,
          body: await response.json(),
        }),
      ).toBe('404 unknown-client');
    }
  });

  it('computes outcomes that match a direct count over the events', async () => {
    const cookie = await signIn('auditor');
    const { body } = await read<Outcomes>(cookie, '/v1/dashboard/outcomes?municipality=GM0794');

    const clients = [...new Set(posted.map(({ client }) => client))];
    const of = (client: string, name: EventName) =>
      posted
        .filter((e) => e.client === client && e.name === name)
        .sort((a, b) => a.time.localeCompare(b.time));
    const ladder = (client: string) => [
      ...of(client, 'client-enrolled').map(({ data }) => data.startRung as number),
      ...of(client, 'ladder-step-reached').map(({ data }) => data.rung as number),
    ];
    const measured = clients.filter((client) => ladder(client).length >= 2);
    const rose = measured.filter((client) => ladder(client).at(-1)! > ladder(client)[0]!);
    const withGoal = clients.filter((client) => of(client, 'goal-set').length > 0);
    const reached = withGoal.filter((client) => of(client, 'goal-achieved').length > 0);
    const attempts = clients.flatMap((client) => {
      const index = of(client, 'contact-attempted').findIndex(
        ({ data }) => data.outcome === 'appointment-made',
      );
      return index < 0 ? [] : [index + 1];
    });

    expect(body).toMatchObject({
      municipality: 'GM0794',
      clients: clients.length,
      ladderRise: {
        clients: measured.length,
        rose: rose.length,
        share: rose.length / measured.length,
      },
      goalReached: {
        clients: withGoal.length,
        reached: reached.length,
        share: reached.length / withGoal.length,
      },
      // Anna reached on her 4th attempt, Cees on his first.
      medianAttemptsBeforeFirstAppointment: (attempts[0]! + attempts[1]!) / 2,
      // Anna's one complete assessment came after one visit.
      medianVisitsBeforeFirstFullAssessment: 1,
    });
    expect(body.rungDistribution.filter(({ clients }) => clients > 0)).toEqual(
      [1, 2].map((rung) => ({
        rung,
        clients: clients.filter((client) => ladder(client).at(-1) === rung).length,
      })),
    );

    // A case lead counts only its partner's clients, and not GGZ's assessment it may not see.
    const lead = await read<Outcomes>(
      await signIn(`lead@${gemeente.id}`),
      '/v1/dashboard/outcomes',
    );
    expect(lead.body).toMatchObject({ clients: 2, medianVisitsBeforeFirstFullAssessment: null });
  });

  it('answers no caseload or client page whose access-log entries could not be written', async () => {
    const cookie = await signIn(`lead@${gemeente.id}`);
    const anna = ref('anna', gemeente);
    const pages = [
      '/v1/dashboard/caseload',
      `/v1/dashboard/clients/${encodeURIComponent(anna)}`,
      `/v1/dashboard/clients/${encodeURIComponent(anna)}/timeline`,
    ];
    // A real failure of the log's statement: its table is briefly not where the hub writes.
    await hub.db.pool.query('ALTER TABLE access_log RENAME TO access_log_away');
    try {
      for (const path of pages) {
        const { status, body } = await read<Record<string, unknown>>(cookie, path);
        expect({ path, status }).toEqual({ path, status: 500 });
        // A problem, and nothing of the page.
        expect(Object.keys(body).sort()).toEqual(['detail', 'instance', 'status', 'title', 'type']);
        expect(JSON.stringify(body)).not.toMatch(/Anna|de Vries/);
      }
    } finally {
      await hub.db.pool.query('ALTER TABLE access_log_away RENAME TO access_log');
    }
    for (const path of pages) expect((await read<unknown>(cookie, path)).status).toBe(200);
  });

  it('keeps client data from auditors and everything from strangers', async () => {
    const auditor = await signIn('auditor');
    const caseload = await fetch(`${hub.url}/v1/dashboard/caseload`, {
      headers: { cookie: auditor },
    });
    expect(
      outcome({ status: caseload.status, headers: caseload.headers, body: await caseload.json() }),
    ).toBe('403 role-not-allowed');
    const anonymous = await hub.get('/v1/dashboard/caseload');
    expect(outcome(anonymous)).toBe('401 unauthorized');
  });
});
