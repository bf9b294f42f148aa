import { randomUUID } from 'node:crypto';
import { createTestStore, type TestStore } from '@samenloop/testing';
import { foldStreams } from '../stream-folds';

describe('folding streams read a few dozen at a time', () => {
  let db: TestStore;

  beforeAll(async () => {
    db = await createTestStore();
  });

  afterAll(() => db?.drop());

  it('folds each stream, up to its limit, in the order asked, across several reads', async () => {
    const streams = Array.from({ length: 120 }, (_, index) => ({
      stream: `fold-${randomUUID()}`,
      events: (index % 4) + 1,
    }));
    await db.store.appendMany(
      streams.map(({ stream, events }) => ({
        stream,
        events: Array.from({ length: events }, () => ({
          id: randomUUID(),
          type: 'nl.samenloop.test.v1',
          data: {},
        })),
      })),
    );
    const reads = [...streams]
      .reverse()
      .map(({ stream, events }) => ({ stream, limit: events - 1 }));

    const folded = await foldStreams(db.store, reads, (events) => events.map((e) => e.revision));

    expect(folded).toEqual(
      [...streams]
        .reverse()
        .map(({ events }) => Array.from({ length: events - 1 }, (_, revision) => revision)),
    );
  });
});
