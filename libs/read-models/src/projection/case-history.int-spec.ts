import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { clientStream, eventType, type EventName } from '@samenloop/domain';
import { type RecordedEvent } from '@samenloop/event-store';
import { createTestStore, type TestStore } from '@samenloop/testing';
import { CaseHistory } from './case-history';
import { PartnerKinds } from './partner-kinds';

// A cache that misses (a small one, or a fresh one starting mid-log as a restart does) reads the
// states the batch starts from out of the store: the steps must be those of a cache that hits.
describe('the case history', () => {
  let db: TestStore;
  const kinds = new PartnerKinds({ find: () => Promise.resolve(undefined) });

  beforeAll(async () => {
    db = await createTestStore();
  });

  afterAll(() => db?.drop());

  async function append(clientId: string, partnerId: string, name: EventName, data: object) {
    const now = new Date().toISOString();
    await db.store.append(clientStream(clientId), [
      {
        id: randomUUID(),
        type: eventType(name),
        data,
        metadata: { partnerId, occurredAt: now, recordedAt: now, source: partnerId },
      },
    ]);
  }

  it('gives the same steps after a miss, read up front for the batch, as kept in memory', async () => {
    const clients = [randomUUID(), randomUUID(), randomUUID()];
    for (const clientId of clients) {
      await append(clientId, 'gemeente', 'client-enrolled', {
        municipality: 'GM0794',
        person: { sealed: 'sealed' },
        reference: `GM-${clientId}`,
      });
    }
    for (const clientId of clients) {
      const referralId = randomUUID();
      await append(clientId, 'gemeente', 'referral-made', {
        referralId,
        service: 'other',
        toPartner: 'werk',
      });
      await append(clientId, 'werk', 'referral-accepted', { referralId });
    }
    // The log shows an event once no older transaction of the server (of any database) runs.
    let log: RecordedEvent[] = await db.store.readAll();
    while (log.length < 9) {
      await sleep(20);
      log = await db.store.readAll();
    }
    const steps = async (history: CaseHistory, events: RecordedEvent[], batchSize: number) => {
      const all = [];
      for (let start = 0; start < events.length; start += batchSize) {
        all.push(...(await history.stepsOf(events.slice(start, start + batchSize))));
      }
      return all;
    };

    const hitting = await steps(new CaseHistory(db.store, kinds, 100), log, 1);
    const evicting = await steps(new CaseHistory(db.store, kinds, 1), log, 4);
    const restarted = await steps(new CaseHistory(db.store, kinds, 100), log.slice(3), log.length);

    expect(hitting).toHaveLength(9);
    expect(hitting.at(-1)!.after).toMatchObject({ enrolled: true });
    expect(hitting.at(-1)!.before).not.toEqual(hitting.at(-1)!.after);
    expect(evicting).toEqual(hitting);
    expect(restarted).toEqual(hitting.slice(3));
  });
});
