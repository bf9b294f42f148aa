import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type ClientCaseEvent,
  clientStream,
  type EventDataMap,
  type EventName,
  type EventType,
  eventType,
  toEventToAppend,
} from '@samenloop/domain';
import { type RecordedEvent } from '@samenloop/event-store';
import { createTestStore, type TestStore } from '@samenloop/testing';
import { ClientCaseCache, type CaseStep } from './client-case-cache';

// A small cache misses for clients whose events are interleaved: what it rebuilds from the stream
// must be what a cache large enough to hit would have kept.
describe('the client case cache', () => {
  let db: TestStore;

  beforeAll(async () => {
    db = await createTestStore();
  });

  afterAll(() => db?.drop());

  function event<N extends EventName>(
    partnerId: string,
    name: N,
    data: EventDataMap[EventType<N>],
  ): ClientCaseEvent {
    const now = new Date().toISOString();
    return {
      type: eventType(name),
      eventId: randomUUID(),
      partnerId,
      occurredAt: now,
      recordedAt: now,
      data,
    } as unknown as ClientCaseEvent;
  }

  async function append(clientId: string, stored: ClientCaseEvent): Promise<void> {
    const trace = {
      source: stored.partnerId,
      subject: `${stored.partnerId}-ref`,
      contentHash: 'h',
      correlationId: 'c',
    };
    await db.store.append(clientStream(clientId), [toEventToAppend(stored, randomUUID(), trace)]);
  }

  it('gives the same cases, read up front for a batch after an eviction or a replay, as kept in memory', async () => {
    const clients = [randomUUID(), randomUUID(), randomUUID()];
    for (const clientId of clients) {
      await append(
        clientId,
        event('gemeente', 'client-enrolled', {
          municipality: 'GM0794',
          person: { sealed: 'sealed' },
          reference: `GM-${clientId}`,
        }),
      );
    }
    for (const clientId of clients) {
      const referralId = randomUUID();
      await append(
        clientId,
        event('gemeente', 'referral-made', { referralId, service: 'other', toPartner: 'werk' }),
      );
      await append(clientId, event('werk', 'referral-accepted', { referralId }));
      await append(clientId, event('ggz', 'involvement-signalled', {}));
    }
    // The log shows an event once no older transaction of the server (of any database) runs.
    let log: RecordedEvent[] = await db.store.readAll();
    while (log.length < 12) {
      await sleep(20);
      log = await db.store.readAll();
    }
    const steps = async (cache: ClientCaseCache, batchSize: number) => {
      const all: CaseStep[] = [];
      for (let start = 0; start < log.length; start += batchSize) {
        all.push(...(await cache.steps(log.slice(start, start + batchSize))));
      }
      return all;
    };
    const fromLarge = await steps(new ClientCaseCache(db.store, 100), 1);
    // Batches that start with every client's case evicted, and one replayed after a rollback.
    const fromSmall = await steps(new ClientCaseCache(db.store, 1), 5);
    const replayed = new ClientCaseCache(db.store, 100);
    await steps(replayed, log.length);
    const again = await steps(replayed, log.length);

    expect(fromLarge).toHaveLength(12);
    expect(fromSmall).toEqual(fromLarge);
    expect(again).toEqual(fromLarge);
    expect(fromLarge.at(-1)!.after.state).toMatchObject({ enrolled: true });
  });
});
