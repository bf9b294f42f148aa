import type { EventName, PartnerKind } from '@samenloop/domain';
import { CLOUDEVENTS_BATCH_MEDIA_TYPE, CLOUDEVENTS_MEDIA_TYPE } from '@samenloop/contracts';
import { generateBearerToken, hashBearerToken } from '@samenloop/sharing';
import { cloudEvent, type CloudEventJson, enrolmentData, validBsn } from '@samenloop/testing';
import { BuiltProcess } from './support/built-hub';
import { registerPartner, type RegisteredPartner } from './support/partner-registration';
import { HubWaitingFor } from './support/waiting-hub';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const PROBLEMS = 'https://samenloop.nl/problems/';
const PROBLEM_JSON = 'application/problem+json; charset=utf-8';
const RUN_TIMEOUT_MS = 120_000;
const ADMIN_TOKEN = 'admin-token-for-the-sharing-security-e2e';
const METRICS_TOKEN = 'metrics-token-for-the-sharing-security-e2e';
const SIGNALS_PER_MINUTE = 5;
/** The GGZ partner whose agreement waits for the municipality's confirmation of a match. */
const WAITING_GGZ = 'ggz-wacht';

type Partner = RegisteredPartner;

// Issue 11, cases 3 and 8, attacked on the hub as operators run it (the e2e global setup's build).
describe('the sharing policy and signal and match under attack', () => {
  let built: HubWaitingFor;
  let url: string;
  let gemeente: Partner;

  beforeAll(async () => {
    built = await HubWaitingFor.start(WAITING_GGZ, {
      SAMENLOOP_ADMIN_TOKEN: ADMIN_TOKEN,
      BSN_SIGNALS_PER_MINUTE: String(SIGNALS_PER_MINUTE),
      METRICS_TOKEN,
    });
    url = built.url;
    gemeente = await register('gemeente-helmond', 'municipality');
  }, RUN_TIMEOUT_MS);

  afterAll(() => built?.stop());

  const adminPost = (body: object) =>
    fetch(`${url}/v1/admin/partners`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  const register = (id: string, kind: PartnerKind): Promise<Partner> =>
    registerPartner(url, ADMIN_TOKEN, id, kind);

  function post(partner: Partner, body: CloudEventJson | CloudEventJson[]): Promise<Response> {
    return fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${partner.token}`,
        'content-type': Array.isArray(body) ? CLOUDEVENTS_BATCH_MEDIA_TYPE : CLOUDEVENTS_MEDIA_TYPE,
      },
      body: JSON.stringify(body),
    });
  }

  async function sent(partner: Partner, name: EventName, subject: string, data: object) {
    const response = await post(partner, cloudEvent(partner, name, subject, data));
    if (response.status !== 201) {
      throw new Error(`${name}: ${response.status} ${await response.text()}`);
    }
  }

  async function enrol(): Promise<{ subject: string; bsn: string }> {
    const subject = `GM-${Math.random().toString(36).slice(2)}`;
    const bsn = validBsn();
    await sent(gemeente, 'client-enrolled', subject, enrolmentData(bsn));
    return { subject, bsn };
  }

  /** The partner's feed once it holds an event `until` accepts (the feed is written behind). */
  async function feedUntil(partner: Partner, until: (event: Json) => boolean): Promise<Json[]> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const response = await fetch(`${url}/v1/feed?limit=500`, {
        headers: { authorization: `Bearer ${partner.token}` },
      });
      if (response.status !== 200)
        throw new Error(`feed: ${response.status} ${await response.text()}`);
      const { events } = (await response.json()) as { events: Json[] };
      if (events.some(until)) return events;
      if (Date.now() > deadline)
        throw new Error(`feed of ${partner.id}: ${JSON.stringify(events)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  const ofType = (name: string, subject: string) => (event: Json) =>
    event.type === `nl.samenloop.${name}.v1` && event.subject === subject;

  describe('reserved partner ids (case 3)', () => {
    it.each(['admin', 'hub', 'samenloop', 'system', 'root'])(
      'refuses to register %s as problem+json',
      async (id) => {
        const response = await adminPost({ id, kind: 'mental-health', name: 'GGZ' });

        expect(response.status).toBe(400);
        expect(response.headers.get('content-type')).toBe(PROBLEM_JSON);
        expect(await response.json()).toMatchObject({
          type: `${PROBLEMS}validation-failed`,
          detail: `id ${id} is reserved for the hub`,
          errors: [{ path: 'id' }],
        });
      },
    );

    it(
      'refuses it from the command line with one line',
      async () => {
        const cli = BuiltProcess.start(
          'cli',
          {},
          {
            args: ['--url', url, '--admin-token', ADMIN_TOKEN, 'partners', 'add', 'admin'].concat([
              '--kind',
              'mental-health',
              '--name',
              'GGZ',
            ]),
          },
        );
        const { code, stderr } = await cli.exit;

        expect(code).not.toBe(0);
        expect(stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(stderr).toContain('id admin is reserved for the hub');
      },
      RUN_TIMEOUT_MS,
    );

    it('keeps a GGZ partner registered as admin before the fix from the hub’s exemptions', async () => {
      // Registration refuses the id now: the row stands for one left from before.
      const token = generateBearerToken('slp');
      await built.db.pool.query(
        `INSERT INTO partners (id, kind, name, token_hash, token_issued_at, created_at)
         VALUES ('admin', 'mental-health', 'GGZ named admin', $1, now(), now())`,
        [hashBearerToken(token)],
      );
      const ggzAdmin: Partner = { id: 'admin', kind: 'mental-health', token };
      const client = await enrol();
      const own = 'GGZ-ADMIN-1';
      await sent(ggzAdmin, 'involvement-signalled', own, { bsn: client.bsn });
      await sent(ggzAdmin, 'life-areas-assessed', own, {
        instrument: 'ZRM-2017',
        scores: { 'mental-health': 1, 'substance-use': 2 },
      });
      await sent(ggzAdmin, 'contact-attempted', own, { channel: 'phone', outcome: 'reached' });

      const events = await feedUntil(gemeente, ofType('contact-attempted', client.subject));
      const about = events.filter(({ subject }) => subject === client.subject);

      expect(about.map(({ type }) => type)).toEqual([
        'nl.samenloop.involvement-matched.v1',
        'nl.samenloop.contact-attempted.v1',
      ]);
      expect(about[1]).toMatchObject({ source: 'urn:samenloop:partner:admin' });
    });
  });

  describe('BSN signals (case 8)', () => {
    let prober: Partner;
    const tried: string[] = [];

    beforeAll(async () => {
      prober = await register('huisarts-prober', 'gp');
    });

    const probe = (bsn = validBsn()) => {
      tried.push(bsn);
      return cloudEvent(prober, 'involvement-signalled', `PROBE-${tried.length}`, { bsn });
    };

    it('refuses a partner’s signals over the limit with 429 problem+json and Retry-After', async () => {
      let refused: Response | undefined;
      let admitted = 0;
      // Twice the limit and one: even if a minute turns meanwhile, one window overflows.
      for (let i = 0; i <= 2 * SIGNALS_PER_MINUTE && !refused; i++) {
        const response = await post(prober, probe());
        if (response.status === 429) refused = response;
        else {
          expect(response.status).toBe(404);
          admitted += 1;
        }
      }

      expect(refused).toBeDefined();
      expect(admitted).toBeGreaterThanOrEqual(SIGNALS_PER_MINUTE);
      expect(refused!.headers.get('content-type')).toBe(PROBLEM_JSON);
      const retryAfter = Number(refused!.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await refused!.json()).toMatchObject({
        type: `${PROBLEMS}too-many-signals`,
        status: 429,
      });
    });

    it('answers each signal of a batch over the limit with its own 429', async () => {
      const batch = Array.from({ length: 2 * SIGNALS_PER_MINUTE + 1 }, () => probe());
      const response = await post(prober, batch);

      expect(response.status).toBe(200);
      const { results } = (await response.json()) as { results: Json[] };
      const refused = results.filter(({ status }) => status === 429);
      expect(refused.length).toBeGreaterThan(0);
      for (const { problem } of refused) {
        expect(problem).toMatchObject({ type: `${PROBLEMS}too-many-signals` });
      }
    });

    it('writes every miss to the access log and counts it, never the BSN', async () => {
      const { rows } = await built.db.pool.query<{ row: string }>(
        `SELECT a::text AS row FROM access_log a
         WHERE action = 'bsn.signal.miss' AND partner_id = $1`,
        [prober.id],
      );
      expect(rows.length).toBeGreaterThanOrEqual(SIGNALS_PER_MINUTE);
      const logged = rows.map(({ row }) => row).join('\n');
      expect(tried.filter((bsn) => logged.includes(bsn))).toEqual([]);

      const metrics = await (
        await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
      const count = (outcome: string) =>
        Number(
          new RegExp(
            `^samenloop_bsn_signals_total\\{partner="${prober.id}",outcome="${outcome}"\\} (\\d+)$`,
            'm',
          ).exec(metrics)?.[1],
        );
      expect(count('miss')).toBe(rows.length);
      expect(count('throttled')).toBeGreaterThan(0);
    });

    it('holds who the client is back from a matched partner until the municipality confirms', async () => {
      const ggz = await register(WAITING_GGZ, 'mental-health');
      const client = await enrol();
      const own = 'GGZ-WACHT-1';
      await sent(ggz, 'involvement-signalled', own, { bsn: client.bsn });
      await sent(gemeente, 'contact-attempted', client.subject, {
        channel: 'phone',
        outcome: 'reached',
      });

      const before = await feedUntil(ggz, ofType('contact-attempted', own));
      expect(before.map(({ type }) => type)).toEqual([
        'nl.samenloop.involvement-matched.v1',
        'nl.samenloop.contact-attempted.v1',
      ]);
      expect(JSON.stringify(before)).not.toMatch(
        new RegExp(`Anna|de Vries|1975-04-30|${client.bsn}`),
      );

      // Only the enrolling municipality vouches for a match: not the partner itself.
      const selfConfirmed = await post(
        ggz,
        cloudEvent(ggz, 'involvement-confirmed', own, { partner: ggz.id }),
      );
      expect(selfConfirmed.status).toBe(403);
      await sent(gemeente, 'involvement-confirmed', client.subject, { partner: ggz.id });

      const after = await feedUntil(ggz, ofType('involvement-confirmed', own));
      const enrolment = after.find(ofType('client-enrolled', own));
      expect(enrolment?.data.person).toEqual({
        givenName: 'Anna',
        familyName: 'de Vries',
        birthDate: '1975-04-30',
        bsn: client.bsn,
      });
    });
  });
});
