import { setTimeout as sleep } from 'node:timers/promises';
import { PILOT_PARTNERS } from '@samenloop/operator';
import { failingHalf, WebhookReceiver } from '../support/webhook-receiver';
import { settledRecord } from './support/hub-record';
import { PilotCluster, type PilotHub } from './support/pilot-hub';
import { pilotTokens, PLAN, startPilotLoad } from './support/pilot-load';

interface Subscription {
  id: string;
  secret: string;
  delivered: number;
}

describe('webhooks to an endpoint that fails half its calls, under load', () => {
  let cluster: PilotCluster;
  let hub: PilotHub | undefined;
  let receiver: WebhookReceiver | undefined;

  beforeAll(async () => {
    cluster = await PilotCluster.start();
  });

  afterAll(async () => {
    await receiver?.close();
    await hub?.stop();
    await cluster?.dispose();
  });

  it('delivers everything, signed, once per webhook-id after deduplication, in order per client', async () => {
    receiver = await WebhookReceiver.start(failingHalf);
    hub = await cluster.newHub({ WEBHOOK_FIRST_RETRY_MS: '100' });
    await hub.start();
    const tokens = await pilotTokens(hub);
    const partner = PILOT_PARTNERS[1]!.id;
    const call = async <T>(method: string, path: string, body?: object): Promise<T> => {
      const response = await fetch(`${hub!.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${tokens.get(partner)}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        body: body ? JSON.stringify(body) : undefined,
      });
      expect(response.ok).toBe(true);
      return (await response.json()) as T;
    };
    const { id, secret } = await call<Subscription>('POST', '/v1/subscriptions', {
      url: receiver.url,
    });

    const load = await startPilotLoad(hub, PLAN, tokens);
    expect(await load.finished).toBe(0);
    const record = await settledRecord(hub);
    const feed = record.feed.filter((row) => row.partner === partner);
    const expected = [...new Set(feed.map(({ eventId }) => eventId))];
    const deadline = Date.now() + 600_000;
    while (
      (await call<Subscription>('GET', `/v1/subscriptions/${id}`)).delivered < expected.length
    ) {
      if (Date.now() > deadline) throw new Error('the webhook deliveries did not finish');
      await sleep(500);
    }

    const failed = receiver.calls.filter(({ status }) => status >= 500).length;
    expect(failed).toBeGreaterThanOrEqual(expected.length - 1);
    // Verified with the standardwebhooks package; each event under one webhook-id, none missing.
    const delivered = receiver.delivered(secret) as { id: string; subject: string }[];
    expect(delivered.map(({ id: eventId }) => eventId).sort()).toEqual([...expected].sort());
    const perClient = (rows: { subject: string; id: string }[]) => {
      const sequences: Record<string, string[]> = {};
      for (const { subject, id: eventId } of rows) (sequences[subject] ??= []).push(eventId);
      return sequences;
    };
    const firstFeedRows = feed.filter(
      (row, index) => feed.findIndex(({ eventId }) => eventId === row.eventId) === index,
    );
    expect(perClient(delivered)).toEqual(
      perClient(firstFeedRows.map(({ subject, eventId }) => ({ subject, id: eventId }))),
    );
  });
});
