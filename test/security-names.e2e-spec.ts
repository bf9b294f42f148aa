import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EventName, PartnerKind } from '@samenloop/domain';
import { CLOUDEVENTS_MEDIA_TYPE } from '@samenloop/contracts';
import { cloudEvent, enrolmentData, validBsn } from '@samenloop/testing';
import { Pool } from 'pg';
import { registerPartner, type RegisteredPartner } from './support/partner-registration';
import { HubWaitingFor } from './support/waiting-hub';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RUN_TIMEOUT_MS = 120_000;
const ADMIN_TOKEN = 'admin-token-for-the-names-security-e2e';
/** A GP whose agreement waits for the municipality's confirmation of a match on its signal. */
const WAITING_GP = 'huisarts-wacht';
const NAME = 'Anna de Vries';
const PERSON = /Anna|de Vries|1975-04-30/;

type Partner = RegisteredPartner;

// Issue 11, case 8: a BSN signal must not look a name up through the dashboard either.
describe('who a client is, on the built hub’s dashboard, after a match on a BSN signal', () => {
  let built: HubWaitingFor;
  let pool: Pool;
  let url: string;
  let gemeente: Partner;

  beforeAll(async () => {
    built = await HubWaitingFor.start(WAITING_GP, { SAMENLOOP_ADMIN_TOKEN: ADMIN_TOKEN });
    url = built.url;
    pool = new Pool({ connectionString: built.db.url, max: 1 });
    gemeente = await register('gemeente-helmond', 'municipality');
  }, RUN_TIMEOUT_MS);

  afterAll(async () => {
    await pool?.end();
    await built?.stop();
  });

  const register = (id: string, kind: PartnerKind): Promise<Partner> =>
    registerPartner(url, ADMIN_TOKEN, id, kind);

  async function sent(partner: Partner, name: EventName, subject: string, data: object) {
    const response = await fetch(`${url}/v1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${partner.token}`, 'content-type': CLOUDEVENTS_MEDIA_TYPE },
      body: JSON.stringify(cloudEvent(partner, name, subject, data)),
    });
    if (response.status !== 201)
      throw new Error(`${name}: ${response.status} ${await response.text()}`);
  }

  /** A signed-in case lead of `partner`: its session written as signing in would. */
  async function caseLeadOf(partner: Partner): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await pool.query(
      `INSERT INTO dashboard_sessions
         (token_hash, username, display_name, role, partner_id, created_at, expires_at)
       VALUES ($1, $2, $2, 'case-lead', $3, now(), now() + interval '1 hour')`,
      [createHash('sha256').update(token).digest('hex'), `lead@${partner.id}`, partner.id],
    );
    return `samenloop_session=${token}`;
  }

  async function dashboard(cookie: string, path: string): Promise<Json> {
    const response = await fetch(`${url}/v1/dashboard/${path}`, { headers: { cookie } });
    if (response.status !== 200)
      throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as Json;
  }

  /** The answer once `until` accepts it: the read models are written behind the log. */
  async function dashboardUntil(cookie: string, path: string, until: (answer: Json) => boolean) {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const answer = await dashboard(cookie, path).catch((error: Error) => ({ error }));
      if (!('error' in answer) && until(answer)) return answer;
      if (Date.now() > deadline) throw new Error(`${path}: ${JSON.stringify(answer)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  /** A client the municipality enrolled and `partner` matched, under its own reference `own`. */
  async function matched(partner: Partner, own: string): Promise<string> {
    const subject = `GM-${randomUUID()}`;
    const bsn = validBsn();
    await sent(gemeente, 'client-enrolled', subject, enrolmentData(bsn));
    await sent(partner, 'involvement-signalled', own, { bsn });
    return subject;
  }

  const rowOf = (own: string) => (page: Json) =>
    page.rows.find(({ reference }: Json) => reference === own);

  it('shows the matched GP’s case lead no name until the municipality confirms the match', async () => {
    const gp = await register(WAITING_GP, 'gp');
    const lead = await caseLeadOf(gp);
    const own = 'HA-WACHT-1';
    const subject = await matched(gp, own);

    const caseload = await dashboardUntil(lead, 'caseload?limit=500', rowOf(own));
    expect(rowOf(own)(caseload).displayName).toEqual({ restricted: true });
    const client = await dashboard(lead, `clients/${own}`);
    expect(client.displayName).toEqual({ restricted: true });
    const timeline = await dashboard(lead, `clients/${own}/timeline`);
    for (const shown of [caseload, client, timeline])
      expect(JSON.stringify(shown)).not.toMatch(PERSON);

    await sent(gemeente, 'involvement-confirmed', subject, { partner: gp.id });

    const confirmed = await dashboardUntil(
      lead,
      `clients/${own}`,
      ({ displayName }) => displayName === NAME,
    );
    expect(confirmed.displayName).toBe(NAME);
    expect(rowOf(own)(await dashboard(lead, 'caseload?limit=500')).displayName).toBe(NAME);
  });

  it('shows a GP under the default agreement the name at once', async () => {
    const gp = await register('huisarts-direct', 'gp');
    const lead = await caseLeadOf(gp);
    const own = 'HA-DIRECT-1';
    await matched(gp, own);

    const caseload = await dashboardUntil(lead, 'caseload?limit=500', rowOf(own));
    expect(rowOf(own)(caseload).displayName).toBe(NAME);
    expect((await dashboard(lead, `clients/${own}`)).displayName).toBe(NAME);
  });
});
