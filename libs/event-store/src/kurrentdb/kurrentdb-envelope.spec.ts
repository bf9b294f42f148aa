import { isPlainObject, unwrapMetadata, wrapMetadata } from './kurrentdb-envelope';

describe('metadata envelope', () => {
  const hash = 'c'.repeat(64);
  const previousHash = 'd'.repeat(64);
  const recordedAt = new Date('2025-06-30T22:00:00.005Z');
  const writeId = '44444444-4444-4444-8444-444444444444';

  it('keeps the chain fields beside the caller metadata and reads them back after JSON', () => {
    const envelope = wrapMetadata({
      hash,
      previousHash,
      recordedAt,
      writeId,
      metadata: { hash: 'caller value', correlationId: 'c-1' },
    });
    const stored: unknown = JSON.parse(JSON.stringify(envelope));

    expect(stored).toEqual({
      hash,
      previousHash,
      recordedAt: '2025-06-30T22:00:00.005Z',
      writeId,
      metadata: { hash: 'caller value', correlationId: 'c-1' },
    });
    expect(unwrapMetadata(stored)).toEqual({
      hash,
      previousHash,
      recordedAt,
      writeId,
      metadata: { hash: 'caller value', correlationId: 'c-1' },
    });
  });

  it('reads the first event of a stream, whose previous hash is null', () => {
    const stored: unknown = JSON.parse(
      JSON.stringify(wrapMetadata({ hash, previousHash: null, recordedAt, writeId, metadata: {} })),
    );
    expect(unwrapMetadata(stored)).toMatchObject({ previousHash: null, metadata: {} });
  });

  it('answers null for metadata this adapter did not write', () => {
    const valid = {
      hash,
      previousHash,
      recordedAt: recordedAt.toISOString(),
      writeId,
      metadata: {},
    };
    const foreign: unknown[] = [
      undefined,
      new Uint8Array([1, 2]),
      'text',
      [valid],
      { $correlationId: 'x' },
      { ...valid, hash: 'C'.repeat(64) },
      { ...valid, hash: 'c'.repeat(63) },
      { ...valid, previousHash: '' },
      { ...valid, recordedAt: '2025-06-30T22:00:00Z' },
      { ...valid, recordedAt: '2025-02-30T22:00:00.000Z' },
      { ...valid, metadata: undefined },
      { ...valid, metadata: ['a'] },
    ];
    for (const raw of foreign) expect(unwrapMetadata(raw)).toBeNull();
  });
});

describe('isPlainObject', () => {
  it('accepts JSON objects only', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(null)).toBe(false);
    expect(isPlainObject(new Date())).toBe(false);
  });
});
