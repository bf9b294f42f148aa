import { setTimeout as sleep } from 'node:timers/promises';
import { auditMigrations } from '@samenloop/audit';
import { keyVaultMigrations } from '@samenloop/privacy';
import {
  DeliveryModule,
  deliveryMigrations,
  ExponentialBackoff,
  FEED_CONSUMER_NAME,
} from '@samenloop/delivery';
import type { EventName } from '@samenloop/domain';
import { IntakeModule, intakeMigrations } from '@samenloop/intake';
import { HealthModule, MetricsModule } from '@samenloop/platform';
import type { PoolClient } from 'pg';
import { cloudEvent } from '@samenloop/testing';
import { enrolClient, publish, type EnrolledClient } from './support/cloud-events';
import { HubHarness, METRICS_TOKEN, type TestPartner } from './support/hub-harness';

const MAX_LAG = 3;

/** One sample of a Prometheus text exposition whose labels include `labels`; 0 when absent. */
function sampleOf(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const match = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => [key, value]),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) {
      return Number(match[3]);
    }
  }
  return 0;
}

async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await sleep(50);
  }
}

// The hub's metrics and readiness as Prometheus and an orchestrator see them, after real appends,
// deliveries and a worker that falls behind.
describe('observability: /metrics and readiness', () => {
  let hub: HubHarness;
  let gemeente: TestPartner;
  let ggz: TestPartner;
  let client: EnrolledClient;

  beforeAll(async () => {
    hub = await HubHarness.start({
      imports: [
        IntakeModule,
        DeliveryModule.forRoot({
          settings: { webhookTimeoutMs: 1_000, dispatcherRecheckMs: 200 },
          webhookBackoff: new ExponentialBackoff({
            initialDelayMs: 50,
            maxDelayMs: 100,
            giveUpAfterMs: 60_000,
          }),
        }),
        MetricsModule,
        HealthModule,
      ],
      migrations: [
        ...auditMigrations.filter((migration) => !keyVaultMigrations.includes(migration)),
        ...intakeMigrations,
        ...deliveryMigrations,
      ],
      env: { READY_MAX_LAG_EVENTS: String(MAX_LAG) },
    });
    gemeente = await hub.partner('municipality', 'gemeente');
    ggz = await hub.partner('mental-health', 'ggz');
    client = await enrolClient(hub, gemeente);
    // The health partner joins the client, so that the municipality's events reach its feed.
    const joined = await publish(
      hub,
      ggz,
      cloudEvent(ggz, 'involvement-signalled', 'GGZ-1', { bsn: client.bsn }),
    );
    expect(joined.status).toBe(201);
  });

  afterAll(() => hub?.close());

  const scrape = async () =>
    (
      await fetch(`${hub.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
  const metric = async (name: string, labels?: Record<string, string>) =>
    sampleOf(await scrape(), name, labels);
  const storedEvents = async () =>
    Number((await hub.db.pool.query('SELECT count(*) AS n FROM events')).rows[0].n);
  const feedLag = () => metric('samenloop_worker_lag_events', { worker: FEED_CONSUMER_NAME });
  const send = async (name: EventName, data: object) => {
    const response = await publish(hub, gemeente, cloudEvent(gemeente, name, client.subject, data));
    expect(response.status).toBe(201);
  };
  const contactAttempted = () =>
    send('contact-attempted', { channel: 'letter', outcome: 'appointment-made' });

  it('counts every appended event once', async () => {
    await send('ladder-step-reached', { rung: 2 });
    await contactAttempted();

    expect(await metric('samenloop_events_appended_total')).toBe(await storedEvents());
  });

  it("reports the feed materializer's lag, 0 in events and seconds once it caught up", async () => {
    await until(async () => (await feedLag()) === 0);

    const text = await scrape();
    expect(text).toContain(`samenloop_worker_lag_events{worker="${FEED_CONSUMER_NAME}"} 0`);
    expect(text).toContain(`samenloop_worker_lag_seconds{worker="${FEED_CONSUMER_NAME}"} 0`);
  });

  it('counts deliveries per channel and partner', async () => {
    await until(async () => (await feedLag()) === 0);
    const response = await fetch(`${hub.url}/v1/feed?after=0&limit=100`, {
      headers: { authorization: `Bearer ${ggz.token}` },
    });
    const { events } = (await response.json()) as { events: unknown[] };
    expect(events.length).toBeGreaterThan(0);

    expect(await metric('samenloop_deliveries_total', { channel: 'feed', partner: ggz.id })).toBe(
      events.length,
    );
  });

  it("keeps the intake request's id with each partner's copy of the event, for the delivery logs", async () => {
    const response = await publish(
      hub,
      gemeente,
      cloudEvent(gemeente, 'visit-held', client.subject, {
        location: 'home',
        lifeAreasDiscussed: ['social-network'],
      }),
    );
    expect(response.status).toBe(201);
    const requestId = response.headers.get('x-request-id');
    expect(requestId).toBeTruthy();
    const { position } = response.body as { position: number };

    await until(async () => {
      const { rows } = await hub.db.pool.query<{ correlation_id: string }>(
        'SELECT correlation_id FROM partner_feed WHERE position = $1',
        [position],
      );
      return rows.length > 0 && rows.every((row) => row.correlation_id === requestId);
    });
  });

  it('counts failed webhook attempts per partner, and shows the subscription trailing', async () => {
    // Nothing listens on port 9 of this machine: every attempt fails.
    const created = await hub.post(
      '/v1/subscriptions',
      { url: 'http://127.0.0.1:9/samenloop' },
      { token: ggz.token },
    );
    expect(created.status).toBe(201);
    await send('visit-held', { location: 'home', lifeAreasDiscussed: ['social-network'] });
    const failures = () =>
      metric('samenloop_delivery_failures_total', { channel: 'webhook', partner: ggz.id });

    await until(async () => (await failures()) >= 2);
    const { id } = created.body as { id: string };
    expect(await metric('samenloop_worker_lag_events', { worker: `webhook:${id}` })).toBe(1);
    // A partner's endpoint being down is no reason to take the hub out of service.
    const ready = await fetch(`${hub.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(JSON.stringify(await ready.json())).not.toContain('webhook:');
  });

  it('is not ready while a worker here trails the log by more than READY_MAX_LAG_EVENTS', async () => {
    await until(async () => (await fetch(`${hub.url}/health/ready`)).status === 200);
    // The materializer's next batch waits on this lock, as a stuck worker would.
    const blocker: PoolClient = await hub.db.pool.connect();
    let released = false;
    try {
      await blocker.query('BEGIN');
      await blocker.query('LOCK TABLE partner_feed IN ACCESS EXCLUSIVE MODE');
      for (let n = 0; n <= MAX_LAG; n++) await contactAttempted();

      const ready = await fetch(`${hub.url}/health/ready`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({
        type: 'https://samenloop.nl/problems/not-ready',
        checks: {
          database: { status: 'up' },
          workers: { status: 'down', maxLagEvents: MAX_LAG, behind: [FEED_CONSUMER_NAME] },
        },
      });
      expect(await feedLag()).toBeGreaterThan(MAX_LAG);

      await blocker.query('COMMIT');
      released = true;
      await until(async () => (await fetch(`${hub.url}/health/ready`)).status === 200);
      expect(await feedLag()).toBe(0);
    } finally {
      if (!released) await blocker.query('ROLLBACK').catch(() => undefined);
      blocker.release();
    }
  });
});
