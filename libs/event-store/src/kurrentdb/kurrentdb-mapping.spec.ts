import { wrapMetadata } from './kurrentdb-envelope';
import {
  escapeRegex,
  exactTypesRegex,
  isSystemEvent,
  positionToNumber,
  revisionToNumber,
  toKurrentPosition,
  toRecordedEvent,
  type KurrentEventLike,
} from './kurrentdb-mapping';

describe('revision and position mapping', () => {
  it('maps 0-based bigint revisions to numbers', () => {
    expect(revisionToNumber(0n)).toBe(0);
    expect(revisionToNumber(41n)).toBe(41);
    expect(() => revisionToNumber(-1n)).toThrow(RangeError);
    expect(() => revisionToNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(RangeError);
  });

  it('maps the commit position to a number and back to a commit/prepare pair', () => {
    expect(positionToNumber(123_456n)).toBe(123_456);
    expect(positionToNumber(BigInt(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(toKurrentPosition(123_456)).toEqual({ commit: 123_456n, prepare: 123_456n });
    expect(positionToNumber(toKurrentPosition(987).commit)).toBe(987);
  });

  it('refuses positions KurrentDB does not know or a number cannot hold', () => {
    expect(() => positionToNumber(0xffff_ffff_ffff_ffffn)).toThrow(/did not report/);
    expect(() => positionToNumber(-1n)).toThrow(/did not report/);
    expect(() => positionToNumber(BigInt(Number.MAX_SAFE_INTEGER) + 1n)).toThrow(/MAX_SAFE/);
    expect(() => toKurrentPosition(-1)).toThrow(TypeError);
    expect(() => toKurrentPosition(1.5)).toThrow(TypeError);
  });
});

describe('system events and type filters', () => {
  it('treats $-prefixed types and streams as KurrentDB system events', () => {
    expect(isSystemEvent('$metadata', '$$client-1')).toBe(true);
    expect(isSystemEvent('$>', '$ce-client')).toBe(true);
    expect(isSystemEvent('nl.samenloop.referral-made.v1', '$projections-x')).toBe(true);
    expect(isSystemEvent('nl.samenloop.referral-made.v1', 'client-1')).toBe(false);
  });

  it('matches exactly the given types, never a longer type or a dot wildcard', () => {
    const regex = new RegExp(exactTypesRegex(['nl.samenloop.referral-made.v1', 'a+b (x)']));
    expect(regex.test('nl.samenloop.referral-made.v1')).toBe(true);
    expect(regex.test('a+b (x)')).toBe(true);
    expect(regex.test('nl.samenloop.referral-made.v10')).toBe(false);
    expect(regex.test('nlXsamenloop.referral-made.v1')).toBe(false);
    expect(regex.test('x.nl.samenloop.referral-made.v1')).toBe(false);
  });

  it('escapes every regex metacharacter', () => {
    const special = '\\^$.|?*+()[]{}# \t';
    expect(new RegExp(`^${escapeRegex(special)}$`).test(special)).toBe(true);
  });
});

describe('toRecordedEvent', () => {
  const recordedAt = new Date('2025-01-02T03:04:05.678Z');
  const stored = (overrides: Partial<KurrentEventLike> = {}): KurrentEventLike => ({
    streamId: 'client-1',
    id: '0b6c7a4e-8f2d-4d71-a1f3-6e5c2b9d8a10',
    revision: 3n,
    type: 'nl.samenloop.referral-made.v1',
    created: new Date('2025-01-02T03:04:05.999Z'),
    isJson: true,
    data: { referralId: 'r-1' },
    metadata: JSON.parse(
      JSON.stringify(
        wrapMetadata({
          hash: 'e'.repeat(64),
          previousHash: 'f'.repeat(64),
          recordedAt,
          writeId: '44444444-4444-4444-8444-444444444444',
          metadata: { correlationId: 'c-1' },
        }),
      ),
    ),
    position: { commit: 5000n, prepare: 5000n },
    ...overrides,
  });

  it('maps an event this adapter wrote, without the chain fields in its metadata', () => {
    expect(toRecordedEvent(stored())).toEqual({
      id: '0b6c7a4e-8f2d-4d71-a1f3-6e5c2b9d8a10',
      stream: 'client-1',
      revision: 3,
      position: 5000,
      type: 'nl.samenloop.referral-made.v1',
      data: { referralId: 'r-1' },
      metadata: { correlationId: 'c-1' },
      recordedAt,
      hash: 'e'.repeat(64),
      previousHash: 'f'.repeat(64),
    });
  });

  it('answers null for events it did not write', () => {
    expect(toRecordedEvent(stored({ isJson: false, data: new Uint8Array([1]) }))).toBeNull();
    expect(toRecordedEvent(stored({ metadata: { $correlationId: 'x' } }))).toBeNull();
    expect(toRecordedEvent(stored({ metadata: undefined }))).toBeNull();
  });

  it('fails loudly when the server gives no position', () => {
    expect(() => toRecordedEvent(stored({ position: undefined }))).toThrow(/position/);
  });
});
