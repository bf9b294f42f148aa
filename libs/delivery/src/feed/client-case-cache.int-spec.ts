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
import { type EventStore, type RecordedEvent } from '@samenloop/event-store';
import { CaseStates } from '@samenloop/sharing';
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

  /** Three new clients' events (enrolled, referred, accepted, signalled), as the log shows them. */
  async function threeClientsLog(): Promise<RecordedEvent[]> {
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
    const streams = new Set(clients.map(clientStream));
    const theirs = async () =>
      (await db.store.readAll()).filter(({ stream }) => streams.has(stream));
    let log = await theirs();
    while (log.length < 12) {
      await sleep(20);
      log = await theirs();
    }
    return log;
  }

  const steps = async (cache: ClientCaseCache, log: RecordedEvent[], batchSize: number) => {
    const all: CaseStep[] = [];
    for (let start = 0; start < log.length; start += batchSize) {
      all.push(...(await cache.steps(log.slice(start, start + batchSize))));
    }
    return all;
  };

  it('gives the same cases, read up front for a batch after an eviction or a replay, as kept in memory', async () => {
    const log = await threeClientsLog();
    const fromLarge = await steps(new ClientCaseCache(db.store, { capacity: 100 }), log, 1);
    // Batches that start with every client's case evicted, and one replayed after a rollback.
    const fromSmall = await steps(new ClientCaseCache(db.store, { capacity: 1 }), log, 5);
    const replayed = new ClientCaseCache(db.store, { capacity: 100 });
    await steps(replayed, log, log.length);
    const again = await steps(replayed, log, log.length);

    expect(fromLarge).toHaveLength(12);
    expect(fromSmall).toEqual(fromLarge);
    expect(again).toEqual(fromLarge);
    expect(fromLarge.at(-1)!.after.state).toMatchObject({ enrolled: true });
  });

  it("makes a case whose state it dropped whole with the intake's state, reading no stream", async () => {
    const log = await threeClientsLog();
    const kept = await steps(new ClientCaseCache(db.store, { capacity: 100 }), log, 1);
    const earlier = log.filter(({ revision }) => revision < 3);
    const last = log.filter(({ revision }) => revision === 3);
    const lastSteps = kept.filter(({ recorded }) => recorded.revision === 3);
    // The intake has just appended each client's last event, deciding on the case before it.
    const intakeStates = new CaseStates();
    for (const { clientId, before, after } of lastSteps) {
      intakeStates.remember(clientStream(clientId), {
        revision: 3,
        state: after.state,
        previous: before.state,
      });
    }
    const counting = (cache: (store: Pick<EventStore, 'readStreams'>) => ClientCaseCache) => {
      const counted = { streams: 0 };
      const built = cache({
        readStreams: (reads) => {
          counted.streams += reads.length;
          return db.store.readStreams(reads);
        },
      });
      return { cache: built, counted };
    };

    const withIntake = counting(
      (store) => new ClientCaseCache(store, { capacity: 1, intakeStates }),
    );
    await steps(withIntake.cache, earlier, 3);
    withIntake.counted.streams = 0;
    expect(await withIntake.cache.steps(last)).toEqual(lastSteps);
    expect(withIntake.counted.streams).toBe(0);

    const alone = counting((store) => new ClientCaseCache(store, { capacity: 1 }));
    await steps(alone.cache, earlier, 3);
    alone.counted.streams = 0;
    expect(await alone.cache.steps(last)).toEqual(lastSteps);
    expect(alone.counted.streams).toBeGreaterThan(0);
  });
});
