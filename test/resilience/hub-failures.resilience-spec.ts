import { setTimeout as sleep } from 'node:timers/promises';
import { clientSequences, deliveries, settledRecord, type HubRecord } from './support/hub-record';
import { PilotCluster, type PilotHub } from './support/pilot-hub';
import { moreAcknowledged, PLAN, startPilotLoad, type PilotLoad } from './support/pilot-load';

/** The promise of the hub: what it acknowledged it kept, once, and delivered as without failures. */
function expectKeptItsPromise(load: PilotLoad, record: HubRecord, control: HubRecord): void {
  expect(record.eventIds.length).toBe(new Set(record.eventIds).size);
  expect([...load.poster.acknowledged].filter((event) => !record.receipts.has(event))).toEqual([]);
  expect(record.receipts.size).toBe(control.receipts.size);
  expect(record.eventTypes).toEqual(control.eventTypes);
  expect(deliveries(record)).toEqual(deliveries(control));
  expect(clientSequences(record)).toEqual(clientSequences(control));
}

describe('the hub under failure, with four partners publishing at the same time', () => {
  let cluster: PilotCluster;
  let control: HubRecord;
  const hubs: PilotHub[] = [];

  const newHub = async () => {
    const hub = await cluster.newHub();
    hubs.push(hub);
    await hub.start();
    return hub;
  };

  beforeAll(async () => {
    cluster = await PilotCluster.start();
    const hub = await newHub();
    const load = await startPilotLoad(hub, PLAN);
    expect(await load.finished).toBe(0);
    control = await settledRecord(hub);
    await hub.stop();
  });

  afterAll(async () => {
    await Promise.all(hubs.map((hub) => hub.stop()));
    await cluster?.dispose();
  });

  it('keeps every acknowledged event through five kill -9s of the hub', async () => {
    const hub = await newHub();
    const load = await startPilotLoad(hub, PLAN);
    for (let kill = 0; kill < 5; kill += 1) {
      await moreAcknowledged(load, 40);
      await hub.kill();
      await hub.start();
    }

    expect(await load.finished).toBe(0);
    expect(load.poster.unreachable).toBeGreaterThan(0);
    expectKeptItsPromise(load, await settledRecord(hub), control);
  });

  it('answers 503 with Retry-After while PostgreSQL is down, and recovers by itself', async () => {
    const hub = await newHub();
    const load = await startPilotLoad(hub, PLAN);
    await moreAcknowledged(load, 100);

    await cluster.stopServer();
    await sleep(2_000);
    const refused = await fetch(`${hub.baseUrl}/v1/admin/partners`, {
      headers: { authorization: `Bearer ${hub.adminToken}` },
    });
    const ready = await fetch(`${hub.baseUrl}/health/ready`);
    await sleep(3_000);
    await cluster.startServer();

    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(ready.status).toBe(503);
    expect(await load.finished).toBe(0);
    expect(load.poster.unavailableAnswers + load.poster.unreachable).toBeGreaterThan(0);
    expectKeptItsPromise(load, await settledRecord(hub), control);
    expect((await fetch(`${hub.baseUrl}/health/ready`)).status).toBe(200);
  });
});
