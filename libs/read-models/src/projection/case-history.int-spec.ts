import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { clientStream, eventType, type EventName } from '@samenloop/domain';
import { type EventStore, type RecordedEvent } from '@samenloop/event-store';
import { CaseStates } from '@samenloop/sharing';
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

  /** Three new clients, each enrolled and referred, their nine events as the log shows them. */
  async function threeClientsLog(): Promise<RecordedEvent[]> {
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
    const streams = new Set(clients.map(clientStream));
    const theirs = async () =>
      (await db.store.readAll()).filter(({ stream }) => streams.has(stream));
    // The log shows an event once no older transaction of the server (of any database) runs.
    let log = await theirs();
    while (log.length < 9) {
      await sleep(20);
      log = await theirs();
    }
    return log;
  }

  /** The store, counting the streams it is asked to read. */
  function countingStore() {
    const counted = { streams: 0 };
    const store: Pick<EventStore, 'readStream' | 'readStreams'> = {
      readStream: (stream, options) => {
        counted.streams += 1;
        return db.store.readStream(stream, options);
      },
      readStreams: (reads) => {
        counted.streams += reads.length;
        return db.store.readStreams(reads);
      },
    };
    return { store, counted };
  }

  it('gives the same steps after a miss, read up front for the batch, as kept in memory', async () => {
    const log = await threeClientsLog();
    const steps = async (history: CaseHistory, events: RecordedEvent[], batchSize: number) => {
      const all = [];
      for (let start = 0; start < events.length; start += batchSize) {
        all.push(...(await history.stepsOf(events.slice(start, start + batchSize))));
      }
      return all;
    };

    const hitting = await steps(new CaseHistory(db.store, kinds, { capacity: 100 }), log, 1);
    const evicting = await steps(new CaseHistory(db.store, kinds, { capacity: 1 }), log, 4);
    const restarted = await steps(
      new CaseHistory(db.store, kinds, { capacity: 100 }),
      log.slice(3),
      log.length,
    );

    expect(hitting).toHaveLength(9);
    expect(hitting.at(-1)!.after).toMatchObject({ enrolled: true });
    expect(hitting.at(-1)!.before).not.toEqual(hitting.at(-1)!.after);
    expect(evicting).toEqual(hitting);
    expect(restarted).toEqual(hitting.slice(3));
  });

  it("takes the case before an event the intake appended from the intake's states, reading no stream", async () => {
    const log = await threeClientsLog();
    const kept = await new CaseHistory(db.store, kinds, { capacity: 100 }).stepsOf(log);
    // The intake has just appended each client's last event, deciding on the case before it.
    const lastEvents = log.filter(({ revision }) => revision === 2);
    const lastSteps = kept.filter(({ position }) =>
      lastEvents.some((e) => e.position === position),
    );
    const intakeStates = new CaseStates();
    for (const step of lastSteps) {
      intakeStates.remember(clientStream(step.clientId), {
        revision: 2,
        state: step.after,
        previous: step.before,
      });
    }

    const withIntake = countingStore();
    const fresh = new CaseHistory(withIntake.store, kinds, { intakeStates });
    expect(await fresh.stepsOf(lastEvents)).toEqual(lastSteps);
    expect(withIntake.counted.streams).toBe(0);

    const alone = countingStore();
    expect(await new CaseHistory(alone.store, kinds).stepsOf(lastEvents)).toEqual(lastSteps);
    expect(alone.counted.streams).toBe(3);
  });
});
