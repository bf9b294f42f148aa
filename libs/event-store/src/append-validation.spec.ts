import { checkedEventId, checkedExpectedRevision } from './append-validation';

describe('checkedEventId', () => {
  it('accepts a UUID in its lowercase form', () => {
    expect(checkedEventId('0D9E4C1A-7B2F-4E8A-A1C3-5F6D7E8F9A0B')).toBe(
      '0d9e4c1a-7b2f-4e8a-a1c3-5f6d7e8f9a0b',
    );
  });

  it.each([
    'order-17',
    '',
    '0d9e4c1a7b2f4e8aa1c35f6d7e8f9a0b',
    '{0d9e4c1a-7b2f-4e8a-a1c3-5f6d7e8f9a0b}',
  ])('refuses %j', (id) => {
    expect(() => checkedEventId(id)).toThrow(/is not a UUID/);
  });
});

describe('checkedExpectedRevision', () => {
  it.each(['any', 'no-stream', 'exists', 0, 7] as const)('accepts %j', (expected) => {
    expect(checkedExpectedRevision(expected)).toBe(expected);
  });

  it.each([-1, 1.5, Number.NaN, 'latest'])('refuses %j', (expected) => {
    expect(() => checkedExpectedRevision(expected as never)).toThrow(/expected revision/);
  });
});
