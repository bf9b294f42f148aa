import { randomUUID } from 'node:crypto';
import {
  type ClientCaseEvent,
  clientStream,
  type EventDataMap,
  type EventName,
  type EventType,
  eventType,
  toEventToAppend,
} from '@samenloop/domain';
import {
  eventStoreMigrations,
  PostgresEventStore,
  type RecordedEvent,
} from '@samenloop/event-store';
import { createTestDatabase, type TestDatabase } from '@samenloop/testing';
import { type CaseAt, caseAfter, ClientCaseCache } from './client-case.cache';

// A small cache misses for clients whose events are interleaved: what it rebuilds from the stream
// must be what a cache large enough to hit would have kept.
describe('the client case cache', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase(eventStoreMigrations);
    store = new PostgresEventStore(db.pool);
  });

  afterAll(async () => {
    await store?.close();
    await db?.drop();
  });

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
    await store.append(clientStream(clientId), [toEventToAppend(stored, randomUUID(), trace)]);
  }

  it('gives the same case from the stream after an eviction as from memory', async () => {
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
    const log: RecordedEvent[] = await store.readAll();
    const small = new ClientCaseCache(store, 1);
    const large = new ClientCaseCache(store, 100);

    const cases: [CaseAt, CaseAt][] = [];
    for (const recorded of log) {
      const clientId = recorded.stream.slice('client-'.length);
      const fromSmall = await small.before(clientId, recorded.revision);
      const fromLarge = await large.before(clientId, recorded.revision);
      small.remember(clientId, caseAfter(fromSmall, recorded));
      large.remember(clientId, caseAfter(fromLarge, recorded));
      cases.push([fromSmall, fromLarge]);
    }

    expect(cases).toHaveLength(12);
    for (const [fromSmall, fromLarge] of cases) expect(fromSmall).toEqual(fromLarge);
    expect(cases.at(-1)![1].state).toMatchObject({ enrolled: true });
  });
});
