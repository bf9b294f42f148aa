import { randomInt, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { computeEventHash } from '../event-hash';
import {
  DuplicateEventIdError,
  UnknownPositionError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import type {
  AppendResult,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  RecordedEvent,
} from '../event-store.port';

export interface EventStoreContractFixture {
  store: EventStore;
  teardown(): Promise<void>;
  /**
   * Appends (expected revision `any`) while keeping the write transaction open `holdMs` before
   * it commits, so that appends started later commit first. Adapters without such transactions
   * leave it out, and the late-commit test then appends concurrently.
   */
  appendHoldingTransaction?(
    stream: string,
    events: readonly EventToAppend[],
    holdMs: number,
  ): Promise<AppendResult>;
}

const newStream = () => `client-${randomUUID()}`;
const newType = () => `nl.samenloop.contract-${randomUUID()}.v1`;
const TYPE = 'nl.samenloop.contract-happened.v1';

function newEvents(count: number, type = TYPE): EventToAppend[] {
  return Array.from({ length: count }, (_, n) => ({
    id: randomUUID(),
    type,
    data: { n, note: `ëvent ${n} ✓`, nested: { list: [1, 2.5, null, true] } },
    metadata: { correlationId: randomUUID() },
  }));
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

async function expectConflict(
  promise: Promise<unknown>,
  stream: string,
  expected: ExpectedRevision,
  actual: number,
): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect(error).toMatchObject({ stream, expected, actual });
}

async function take(iterator: AsyncIterator<RecordedEvent>, count: number) {
  const events: RecordedEvent[] = [];
  while (events.length < count) {
    const next = await iterator.next();
    if (next.done) break;
    events.push(next.value);
  }
  return events;
}

const idsOf = (events: readonly { id: string }[]) => events.map((event) => event.id);

/**
 * The behaviour every EventStore adapter must show; each adapter's integration spec runs it
 * against a real store. Tests use their own streams and types, so the store may hold other data.
 */
export function eventStoreContract(
  name: string,
  setup: () => Promise<EventStoreContractFixture>,
): void {
  describe(`${name} (event store contract)`, () => {
    let fixture: EventStoreContractFixture;
    let store: EventStore;

    beforeAll(async () => {
      fixture = await setup();
      store = fixture.store;
    });
    afterAll(() => fixture?.teardown());

    describe('streams', () => {
      it('stores events with contiguous 0-based revisions, in order, with their content', async () => {
        const stream = newStream();
        const first = newEvents(3);
        const second = [{ id: randomUUID(), type: 'nl.samenloop.other.v1', data: 'plain' }];

        const one = await store.append(stream, first, { expectedRevision: 'no-stream' });
        const two = await store.append(stream, second, { expectedRevision: 2 });

        expect(one).toMatchObject({ nextRevision: 2, alreadyStored: false });
        expect(two).toMatchObject({ nextRevision: 3, alreadyStored: false });
        const positions = [...one.positions, ...two.positions];
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
        expect(new Set(positions).size).toBe(4);

        const events = await store.readStream(stream);
        expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
        expect(events.map((e) => e.position)).toEqual(positions);
        expect(idsOf(events)).toEqual(idsOf([...first, ...second]));
        expect(events[0]).toMatchObject({ stream, ...first[0] });
        expect(events[3]).toMatchObject({
          type: 'nl.samenloop.other.v1',
          data: 'plain',
          metadata: {},
        });
        expect(events[0].recordedAt).toBeInstanceOf(Date);
      });

      it('reads backwards, and from a revision with a limit in both directions', async () => {
        const stream = newStream();
        await store.append(stream, newEvents(5));
        const revisions = async (options: Parameters<EventStore['readStream']>[1]) =>
          (await store.readStream(stream, options)).map((e) => e.revision);

        expect(await revisions({ direction: 'backwards' })).toEqual([4, 3, 2, 1, 0]);
        expect(await revisions({ from: 2 })).toEqual([2, 3, 4]);
        expect(await revisions({ from: 1, limit: 2 })).toEqual([1, 2]);
        expect(await revisions({ from: 3, limit: 2, direction: 'backwards' })).toEqual([3, 2]);
        expect(await revisions({ limit: 1, direction: 'backwards' })).toEqual([4]);
        expect(await revisions({ from: 5 })).toEqual([]);
        expect(await store.readStream(newStream())).toEqual([]);
      });

      it('reads several streams at once, each up to its limit, in the order asked', async () => {
        const [a, b, missing] = [newStream(), newStream(), newStream()];
        await store.append(a, newEvents(3));
        await store.append(b, newEvents(2));
        const revisionsOf = (events: RecordedEvent[][]) =>
          events.map((stream) => stream.map((e) => e.revision));

        const read = await store.readStreams([
          { stream: b },
          { stream: missing },
          { stream: a, limit: 2 },
          { stream: a, limit: 0 },
        ]);

        expect(revisionsOf(read)).toEqual([[0, 1], [], [0, 1], []]);
        expect(read[2]).toEqual((await store.readStream(a)).slice(0, 2));
        expect(await store.readStreams([])).toEqual([]);
      });

      it('refuses event ids that are not UUIDs and stores nothing', async () => {
        const stream = newStream();
        const events = [...newEvents(1), { id: 'order-17', type: TYPE, data: {} }];
        await expect(store.append(stream, events)).rejects.toThrow(/"order-17" is not a UUID/);
        expect(await store.readStream(stream)).toEqual([]);
      });
    });

    describe('expected revision', () => {
      it('no-stream: accepts a new stream, refuses an existing one with its revision', async () => {
        const stream = newStream();
        await store.append(stream, newEvents(2), { expectedRevision: 'no-stream' });
        const again = store.append(stream, newEvents(1), { expectedRevision: 'no-stream' });
        await expectConflict(again, stream, 'no-stream', 1);
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('exists: refuses a missing stream (actual -1), accepts an existing one', async () => {
        const stream = newStream();
        const missing = store.append(stream, newEvents(1), { expectedRevision: 'exists' });
        await expectConflict(missing, stream, 'exists', -1);
        expect(await store.readStream(stream)).toEqual([]);

        await store.append(stream, newEvents(1));
        const result = await store.append(stream, newEvents(1), { expectedRevision: 'exists' });
        expect(result.nextRevision).toBe(1);
      });

      it('a number must be the revision of the last event', async () => {
        const stream = newStream();
        await expectConflict(
          store.append(stream, newEvents(1), { expectedRevision: 0 }),
          stream,
          0,
          -1,
        );
        await store.append(stream, newEvents(2));
        await expectConflict(
          store.append(stream, newEvents(1), { expectedRevision: 0 }),
          stream,
          0,
          1,
        );
        await expectConflict(
          store.append(stream, newEvents(1), { expectedRevision: 2 }),
          stream,
          2,
          1,
        );
        const result = await store.append(stream, newEvents(1), { expectedRevision: 1 });
        expect(result.nextRevision).toBe(2);
        expect(await store.readStream(stream)).toHaveLength(3);
      });

      it('any: accepts a new and an existing stream', async () => {
        const stream = newStream();
        await store.append(stream, newEvents(1), { expectedRevision: 'any' });
        const result = await store.append(stream, newEvents(1), { expectedRevision: 'any' });
        expect(result.nextRevision).toBe(1);
      });

      it('of concurrent appends expecting the same revision, exactly one succeeds', async () => {
        const stream = newStream();
        await store.append(stream, newEvents(1));
        const outcomes = await Promise.allSettled(
          Array.from({ length: 6 }, () =>
            store.append(stream, newEvents(2), { expectedRevision: 0 }),
          ),
        );

        expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
          expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect(outcome.reason).toMatchObject({ actual: 2 });
        }
        const revisions = (await store.readStream(stream)).map((e) => e.revision);
        expect(revisions).toEqual([0, 1, 2]);
      });
    });

    describe('idempotency', () => {
      it('re-appending stored events returns the original result and stores nothing', async () => {
        const stream = newStream();
        const events = newEvents(3);
        const original = await store.append(stream, events, { expectedRevision: 'no-stream' });
        const later = await store.append(stream, newEvents(1));

        // A retry carries its original, now stale, expected revision.
        const retry = await store.append(stream, events, { expectedRevision: 'no-stream' });

        expect(retry).toEqual({ ...original, alreadyStored: true });
        expect(await store.readStream(stream)).toHaveLength(4);
        expect(await store.readAll({ from: later.positions[0] })).not.toContainEqual(
          expect.objectContaining({ stream }),
        );
      });

      it('compares content as JSON values, whatever the key order', async () => {
        const stream = newStream();
        const event = { id: randomUUID(), type: TYPE, data: { a: 1, b: { c: 2, d: 3 } } };
        const original = await store.append(stream, [event]);
        const reordered = { ...event, data: { b: { d: 3, c: 2 }, a: 1 } };
        expect(await store.append(stream, [reordered])).toEqual({
          ...original,
          alreadyStored: true,
        });
      });

      it('the same id with other data, type or metadata is a DuplicateEventIdError', async () => {
        const stream = newStream();
        const events = newEvents(2);
        await store.append(stream, events);
        const changes = [
          { ...events[1], data: { n: 99 } },
          { ...events[1], type: 'nl.samenloop.other.v1' },
          { ...events[1], metadata: { correlationId: 'other' } },
        ];
        for (const changed of changes) {
          const error = await rejection(store.append(stream, [events[0], changed]));
          expect(error).toBeInstanceOf(DuplicateEventIdError);
          expect(error).toMatchObject({ stream, eventId: events[1].id });
        }
        expect(await store.readStream(stream)).toHaveLength(2);
      });

      it('a batch mixing stored and new events is refused and stores nothing', async () => {
        const stream = newStream();
        const [stored, fresh] = newEvents(2);
        await store.append(stream, [stored]);
        const error = await rejection(store.append(stream, [stored, fresh]));
        expect(error).toBeInstanceOf(DuplicateEventIdError);
        expect(error).toMatchObject({ eventId: stored.id });
        expect(idsOf(await store.readStream(stream))).toEqual([stored.id]);
      });

      it('concurrent identical appends store the events once', async () => {
        const stream = newStream();
        const events = newEvents(3);
        const results = await Promise.all(
          Array.from({ length: 5 }, () => store.append(stream, events)),
        );
        expect(results.filter((r) => !r.alreadyStored)).toHaveLength(1);
        for (const result of results) {
          expect(result.positions).toEqual(results[0].positions);
        }
        expect(idsOf(await store.readStream(stream))).toEqual(idsOf(events));
      });
    });

    describe('hash chain', () => {
      it('links each event to the previous one of its stream, verifiable with computeEventHash', async () => {
        const stream = newStream();
        await store.append(stream, newEvents(2));
        await store.append(newStream(), newEvents(1));
        await store.append(stream, newEvents(3));

        const events = await store.readStream(stream);
        expect(events[0].previousHash).toBeNull();
        events.forEach((event, index) => {
          expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(computeEventHash(event)).toBe(event.hash);
          if (index > 0) expect(event.previousHash).toBe(events[index - 1].hash);
        });
        expect(new Set(events.map((e) => e.hash)).size).toBe(events.length);
      });
    });

    describe('global log', () => {
      it('reads the events after a position, in append order, with a limit', async () => {
        const [s1, s2] = [newStream(), newStream()];
        const a = newEvents(3);
        const b = newEvents(2);
        const c = newEvents(1);
        const first = await store.append(s1, a);
        await store.append(s2, b);
        await store.append(s1, c);
        const ours = (events: RecordedEvent[]) =>
          events.filter((e) => e.stream === s1 || e.stream === s2);

        const after = ours(await store.readAll({ from: first.positions[1] }));
        expect(idsOf(after)).toEqual(idsOf([a[2], ...b, ...c]));
        expect(after[1]).toMatchObject({ stream: s2, revision: 0, ...b[0] });

        const limited = await store.readAll({ from: first.positions[0], limit: 2 });
        expect(idsOf(limited)).toEqual(idsOf(a.slice(1)));
      });

      it('reads only the given types', async () => {
        const [x, y] = [newType(), newType()];
        const stream = newStream();
        await store.append(stream, [...newEvents(1, x), ...newEvents(1, y)]);
        await store.append(newStream(), newEvents(1, x));

        const onlyX = await store.readAll({ types: [x] });
        expect(onlyX.map((e) => [e.type, e.revision])).toEqual([
          [x, 0],
          [x, 0],
        ]);
        expect(await store.readAll({ types: [x, y] })).toHaveLength(3);
      });

      it('counts the backlog after a position, of the given types, up to a limit', async () => {
        const [x, other] = [newType(), newType()];
        const stream = newStream();
        const { positions } = await store.append(stream, [
          ...newEvents(1, x),
          ...newEvents(1, other),
          ...newEvents(2, x),
        ]);
        const [, , second] = await store.readStream(stream);

        expect(await store.backlog(positions[0], { types: [x], limit: 10 })).toEqual({
          events: 2,
          oldestRecordedAt: second!.recordedAt,
        });
        expect(await store.backlog(positions[0], { types: [x], limit: 1 })).toMatchObject({
          events: 1,
        });
        expect(await store.backlog(positions[3], { types: [x], limit: 10 })).toEqual({
          events: 0,
          oldestRecordedAt: null,
        });
      });

      it('refuses a position that names no event', async () => {
        const { positions } = await store.append(newStream(), newEvents(1));
        const unknown = positions[0] + 1_000_000_000;
        await expect(store.readAll({ from: unknown })).rejects.toBeInstanceOf(UnknownPositionError);
        const subscription = store.subscribeToAll({ from: unknown })[Symbol.asyncIterator]();
        await expect(subscription.next()).rejects.toBeInstanceOf(UnknownPositionError);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up, then delivers events appended after it caught up, of its types only', async () => {
        const [type, other] = [newType(), newType()];
        const stream = newStream();
        const before = newEvents(2, type);
        const appended = await store.append(stream, before);
        const controller = new AbortController();
        const subscription = store
          .subscribeToAll({ types: [type], signal: controller.signal })
          [Symbol.asyncIterator]();

        expect(idsOf(await take(subscription, 2))).toEqual(idsOf(before));
        const live = newEvents(2, type);
        await store.append(stream, live.slice(0, 1));
        await store.append(newStream(), newEvents(1, other));
        await store.append(stream, live.slice(1));
        expect(idsOf(await take(subscription, 2))).toEqual(idsOf(live));
        controller.abort();

        const fromPosition = store
          .subscribeToAll({ from: appended.positions[0], types: [type], signal: controller.signal })
          [Symbol.asyncIterator]();
        expect(await fromPosition.next()).toEqual({ done: true, value: undefined });
        const resumed = store
          .subscribeToAll({ from: appended.positions[0], types: [type] })
          [Symbol.asyncIterator]();
        expect(idsOf(await take(resumed, 3))).toEqual(idsOf([before[1], ...live]));
        await resumed.return?.(undefined);
      });

      it('an abort ends it without error, while it waits and between events', async () => {
        const type = newType();
        const waiting = new AbortController();
        const received: RecordedEvent[] = [];
        const drained = (async () => {
          for await (const event of store.subscribeToAll({
            types: [type],
            signal: waiting.signal,
          })) {
            received.push(event);
          }
        })();
        // Lets it reach its wait; an earlier abort must end it all the same.
        await sleep(50);
        waiting.abort();
        await drained;
        expect(received).toEqual([]);

        await store.append(newStream(), newEvents(3, type));
        const midway = new AbortController();
        for await (const event of store.subscribeToAll({ types: [type], signal: midway.signal })) {
          received.push(event);
          midway.abort();
        }
        expect(received).toHaveLength(1);
      });

      it('late commits: every event once, streams in order, the same order as readAll', async () => {
        const type = newType();
        const streams = Array.from({ length: 40 }, newStream);
        const writers = 8;
        const perWriter = 2_500;
        const append =
          fixture.appendHoldingTransaction ??
          ((stream: string, events: readonly EventToAppend[]) => store.append(stream, events));
        const appended: string[] = [];
        const received: RecordedEvent[] = [];
        const end = newStream();

        const subscriber = (async () => {
          for await (const event of store.subscribeToAll({ from: 'start', types: [type] })) {
            if (event.stream === end) return;
            received.push(event);
          }
        })();
        await Promise.all(
          Array.from({ length: writers }, async () => {
            for (let written = 0; written < perWriter;) {
              const events = newEvents(Math.min(randomInt(1, 11), perWriter - written), type);
              await append(streams[randomInt(streams.length)], events, randomInt(1, 6));
              appended.push(...idsOf(events));
              written += events.length;
            }
          }),
        );
        // Appended after every writer committed, so it comes last in any log order.
        await store.append(end, newEvents(1, type));
        await subscriber;

        const receivedIds = idsOf(received);
        const counts = new Map<string, number>();
        for (const id of receivedIds) counts.set(id, (counts.get(id) ?? 0) + 1);
        const appendedIds = new Set(appended);
        expect(appendedIds.size).toBe(writers * perWriter);
        // Counts, not lists: a failure among 20,000 ids should read in one line.
        expect({
          missed: appended.filter((id) => !counts.has(id)).length,
          duplicated: [...counts.values()].filter((count) => count > 1).length,
          unknown: receivedIds.filter((id) => !appendedIds.has(id)).length,
        }).toEqual({ missed: 0, duplicated: 0, unknown: 0 });

        const revisionsByStream = new Map<string, number[]>();
        for (const event of received) {
          const revisions = revisionsByStream.get(event.stream) ?? [];
          revisions.push(event.revision);
          revisionsByStream.set(event.stream, revisions);
        }
        for (const revisions of revisionsByStream.values()) {
          expect(revisions.findIndex((revision, index) => revision !== index)).toBe(-1);
        }

        const logIds = idsOf(await store.readAll({ types: [type] })).slice(0, -1);
        expect(logIds).toHaveLength(receivedIds.length);
        expect(receivedIds.findIndex((id, index) => id !== logIds[index])).toBe(-1);
      }, 60_000);
    });
  });
}
