import { computeEventHash } from '../event-hash';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.errors';
import type { RecordedEvent } from '../event-store.port';
import {
  assertStreamName,
  canonicalJson,
  chainEvents,
  checkExpectedRevision,
  prepareEvents,
  resolveIdempotentAppend,
  retriesOnConflict,
  sameJson,
  satisfiesExpectedRevision,
} from './kurrentdb.rules';
import { toRecordedEvent } from './kurrentdb-mapping';

const STREAM = 'client-7d1f0a52-3f7e-4c39-9b59-2a4f1a0e6c11';
const ID_1 = '11111111-1111-4111-8111-111111111111';
const ID_2 = '22222222-2222-4222-8222-222222222222';
const ID_3 = '33333333-3333-4333-8333-333333333333';

describe('expected revision', () => {
  it('checks the expectation against the actual revision (-1: no stream)', () => {
    expect(satisfiesExpectedRevision('any', -1)).toBe(true);
    expect(satisfiesExpectedRevision('any', 7)).toBe(true);
    expect(satisfiesExpectedRevision('no-stream', -1)).toBe(true);
    expect(satisfiesExpectedRevision('no-stream', 0)).toBe(false);
    expect(satisfiesExpectedRevision('exists', -1)).toBe(false);
    expect(satisfiesExpectedRevision('exists', 0)).toBe(true);
    expect(satisfiesExpectedRevision(3, 3)).toBe(true);
    expect(satisfiesExpectedRevision(3, 4)).toBe(false);
    expect(satisfiesExpectedRevision(0, -1)).toBe(false);
  });

  it('throws WrongExpectedRevisionError carrying the actual revision', () => {
    expect(() => checkExpectedRevision(STREAM, 'exists', -1)).toThrow(
      new WrongExpectedRevisionError(STREAM, 'exists', -1),
    );
    try {
      checkExpectedRevision(STREAM, 2, 5);
      throw new Error('expected a throw');
    } catch (error) {
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ stream: STREAM, expected: 2, actual: 5 });
    }
  });

  it('retries lost races inside the store only when no revision was pinned', () => {
    expect(retriesOnConflict('any')).toBe(true);
    expect(retriesOnConflict('exists')).toBe(true);
    expect(retriesOnConflict('no-stream')).toBe(false);
    expect(retriesOnConflict(4)).toBe(false);
  });
});

describe('assertStreamName', () => {
  it('refuses empty, system and multi-line stream ids', () => {
    expect(() => assertStreamName(STREAM)).not.toThrow();
    expect(() => assertStreamName('')).toThrow(TypeError);
    expect(() => assertStreamName('$all')).toThrow(/system/);
    expect(() => assertStreamName('client\n1')).toThrow(/without newlines/);
  });
});

describe('prepareEvents', () => {
  it('validates ids as UUIDs and lowercases them, as KurrentDB reads them back', () => {
    const [event] = prepareEvents(STREAM, [{ id: ID_1.toUpperCase(), type: 't', data: {} }]);
    expect(event?.id).toBe(ID_1);
    expect(() => prepareEvents(STREAM, [{ id: 'order-17', type: 't', data: {} }])).toThrow(
      /"order-17" is not a UUID/,
    );
  });

  it('keeps the exact JSON texts that are stored and hashed', () => {
    const [event] = prepareEvents(STREAM, [
      { id: ID_1, type: 't', data: { b: 1, a: [true, null] }, metadata: { z: 1, y: 'x' } },
    ]);
    expect(event).toEqual({
      id: ID_1,
      type: 't',
      data: { b: 1, a: [true, null] },
      dataJson: '{"b":1,"a":[true,null]}',
      metadata: { z: 1, y: 'x' },
      metadataJson: '{"z":1,"y":"x"}',
    });
  });

  it('stores absent data as null and absent metadata as {}', () => {
    const [event] = prepareEvents(STREAM, [{ id: ID_1, type: 't', data: undefined }]);
    expect(event).toMatchObject({ data: null, dataJson: 'null', metadata: {}, metadataJson: '{}' });
  });

  it('refuses a batch naming one id twice, empty types and non-object metadata', () => {
    expect(() =>
      prepareEvents(STREAM, [
        { id: ID_1, type: 't', data: 1 },
        { id: ID_1.toUpperCase(), type: 't', data: 1 },
      ]),
    ).toThrow(DuplicateEventIdError);
    expect(() => prepareEvents(STREAM, [{ id: ID_1, type: '', data: 1 }])).toThrow(/type/);
    expect(() => prepareEvents(STREAM, [{ id: ID_1, type: 'a\nb', data: 1 }])).toThrow(
      /without newlines/,
    );
    expect(() =>
      prepareEvents(STREAM, [
        { id: ID_1, type: 't', data: 1, metadata: [] as unknown as Record<string, unknown> },
      ]),
    ).toThrow(/metadata/);
  });
});

describe('JSON equality for idempotency', () => {
  it('treats another key order as the same content, other values as different', () => {
    expect(canonicalJson({ b: { d: 1, c: 2 }, a: [{ y: 1, x: 2 }] })).toBe(
      '{"a":[{"x":2,"y":1}],"b":{"c":2,"d":1}}',
    );
    expect(sameJson({ a: 1, b: 2 }, '{"b":2,"a":1}')).toBe(true);
    expect(sameJson({ a: 1 }, '{"a":1.0}')).toBe(true);
    expect(sameJson({ a: 1 }, '{"a":2}')).toBe(false);
    expect(sameJson([1, 2], '[2,1]')).toBe(false);
    expect(sameJson(null, 'null')).toBe(true);
  });
});

describe('resolveIdempotentAppend', () => {
  const given = prepareEvents(STREAM, [
    { id: ID_1, type: 'a', data: { n: 1 }, metadata: { m: 1 } },
    { id: ID_2, type: 'b', data: { n: 2 } },
  ]);
  const recorded = (
    id: string,
    revision: number,
    position: number,
    content: Partial<RecordedEvent>,
  ): RecordedEvent => ({
    id,
    stream: STREAM,
    revision,
    position,
    type: 'a',
    data: null,
    metadata: {},
    recordedAt: new Date(0),
    hash: 'a'.repeat(64),
    previousHash: null,
    ...content,
  });
  const original = new Map([
    [ID_1, recorded(ID_1, 4, 900, { type: 'a', data: { n: 1 }, metadata: { m: 1 } })],
    [ID_2, recorded(ID_2, 5, 950, { type: 'b', data: { n: 2 } })],
  ]);

  it('appends when no id is stored yet', () => {
    expect(resolveIdempotentAppend(STREAM, given, new Map())).toBeNull();
  });

  it('answers the original result when every id is stored with the same content', () => {
    expect(resolveIdempotentAppend(STREAM, given, original)).toEqual({
      nextRevision: 5,
      positions: [900, 950],
      alreadyStored: true,
    });
  });

  it('refuses an id stored with other content', () => {
    const changed = new Map(original);
    changed.set(ID_2, recorded(ID_2, 5, 950, { type: 'b', data: { n: 3 } }));
    expect(() => resolveIdempotentAppend(STREAM, given, changed)).toThrow(
      new DuplicateEventIdError(STREAM, ID_2),
    );
    const otherType = new Map(original);
    otherType.set(ID_1, recorded(ID_1, 4, 900, { type: 'x', data: { n: 1 }, metadata: { m: 1 } }));
    expect(() => resolveIdempotentAppend(STREAM, given, otherType)).toThrow(DuplicateEventIdError);
    const otherMetadata = new Map(original);
    otherMetadata.set(ID_1, recorded(ID_1, 4, 900, { type: 'a', data: { n: 1 } }));
    expect(() => resolveIdempotentAppend(STREAM, given, otherMetadata)).toThrow(
      DuplicateEventIdError,
    );
  });

  it('refuses a partial overlap: neither a retry nor a new append', () => {
    const withNew = [...given, ...prepareEvents(STREAM, [{ id: ID_3, type: 'c', data: null }])];
    expect(() => resolveIdempotentAppend(STREAM, withNew, original)).toThrow(
      new DuplicateEventIdError(STREAM, ID_1),
    );
  });
});

describe('chainEvents', () => {
  const recordedAt = new Date('2025-05-05T05:05:05.505Z');
  const writeId = '44444444-4444-4444-8444-444444444444';
  const events = prepareEvents(STREAM, [
    { id: ID_1, type: 'a', data: { n: 1, s: 'ü' }, metadata: { correlationId: 'c' } },
    { id: ID_2, type: 'b', data: [1, 2] },
  ]);

  it('links each event to the previous hash of the stream', () => {
    const head = { revision: 6, hash: '9'.repeat(64) };
    const [one, two] = chainEvents(STREAM, head, events, recordedAt, writeId);
    expect(one.metadata.previousHash).toBe(head.hash);
    expect(two.metadata.previousHash).toBe(one.metadata.hash);
    expect(one.metadata).toMatchObject({
      recordedAt: '2025-05-05T05:05:05.505Z',
      writeId,
      metadata: { correlationId: 'c' },
    });
  });

  it('starts a new stream with a null previous hash', () => {
    const [one] = chainEvents(STREAM, { revision: -1, hash: null }, events, recordedAt, writeId);
    expect(one.metadata.previousHash).toBeNull();
  });

  // Known answers of the PostgreSQL adapter's SQL samenloop_event_hash, run on PostgreSQL 18.
  it('gives the hashes the PostgreSQL adapter gives', () => {
    const [first] = chainEvents(
      'client-7d1f0a52-3f7e-4c39-9b59-2a4f1a0e6c11',
      { revision: -1, hash: null },
      prepareEvents(STREAM, [
        {
          id: '0B6C7A4E-8F2D-4D71-A1F3-6E5C2B9D8A10',
          type: 'nl.samenloop.referral-made.v1',
          data: { b: 1, a: 'é ✓ "q"' },
        },
      ]),
      new Date('2025-03-01T09:15:42.123Z'),
      writeId,
    );
    expect(first.metadata.hash).toBe(
      'aeef86ae2e8644043f55c54ece87aef8f25d26a53a5bb2224a55aa49be1a6ba8',
    );
    const [later] = chainEvents(
      'client-x',
      { revision: 40, hash: 'a'.repeat(64) },
      prepareEvents(STREAM, [
        {
          id: 'ffffffff-0000-4000-8000-000000000001',
          type: 't',
          data: undefined,
          metadata: { correlationId: 'c-1' },
        },
      ]),
      new Date('1999-12-31T23:59:59.000Z'),
      writeId,
    );
    expect(later.metadata.hash).toBe(
      '09ba2c3941e3ca71d472f7f59f945fe6663f797679e22327709db097f16bee23',
    );
  });

  it('is verifiable with computeEventHash on the events read back', () => {
    const head = { revision: 6, hash: '9'.repeat(64) };
    const chained = chainEvents(STREAM, head, events, recordedAt, writeId);
    // What KurrentDB hands back: JSON.stringify on append, JSON.parse on read.
    const read = chained.map((event, index) =>
      toRecordedEvent({
        streamId: STREAM,
        id: event.id,
        revision: BigInt(head.revision + 1 + index),
        type: event.type,
        created: new Date(),
        isJson: true,
        data: JSON.parse(JSON.stringify(event.data)),
        metadata: JSON.parse(JSON.stringify(event.metadata)),
        position: { commit: BigInt(1000 + index), prepare: BigInt(1000 + index) },
      }),
    );
    expect(read.map((event) => event?.previousHash)).toEqual([head.hash, chained[0].metadata.hash]);
    for (const event of read) {
      expect(event).not.toBeNull();
      if (event) expect(computeEventHash(event)).toBe(event.hash);
    }
  });
});
