import { jsonTextExcess, valueNestsDeeperThan } from './json-shape';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonTextExcess', () => {
  it.each([
    ['a scalar', '42', 0, undefined],
    ['an object at the limit', '{"a":{"b":[1]}}', 3, undefined],
    ['an object past the limit', '{"a":{"b":[1]}}', 2, 'depth'],
    ['siblings, which do not add up', '[[1],[2],{"c":[3]}]', 3, undefined],
    ['brackets inside strings', '{"a":"[[[[{{{{"}', 1, undefined],
    ['an escaped quote before brackets', '["\\"[[[["]', 1, undefined],
    ['an escaped backslash before the closing quote', '["\\\\", [[1]]]', 2, 'depth'],
  ])('reads the depth of %s', (_case, text, depth, excess) => {
    expect(jsonTextExcess(text, { depth, values: 100 })).toBe(excess);
    if (text !== '42') {
      expect(valueNestsDeeperThan(JSON.parse(text), depth)).toBe(excess === 'depth');
    }
  });

  it('counts values, but not the commas inside strings', () => {
    const limits = { depth: 10, values: 4 };
    expect(jsonTextExcess('[1,2,3]', limits)).toBeUndefined();
    expect(jsonTextExcess('[1,2,3,4,5]', limits)).toBe('values');
    expect(jsonTextExcess('{"a":",,,,,,","b":{}}', limits)).toBeUndefined();
  });

  it('stops early in a body of millions of brackets or values', () => {
    expect(jsonTextExcess(nested(2_500_000))).toBe('depth');
    expect(jsonTextExcess(`[${'[],'.repeat(1_500_000)}[]]`)).toBe('values');
  });

  it('takes a batch of 500 events', () => {
    const event = JSON.stringify({
      specversion: '1.0',
      id: 'a9b1c3d4',
      type: 'nl.samenloop.visit-held.v1',
      data: { location: 'home', lifeAreasDiscussed: ['housing', 'income'], notes: 'n, [x]' },
    });
    const batch = `[${Array.from({ length: 500 }, () => event).join(',')}]`;
    expect(jsonTextExcess(batch)).toBeUndefined();
  });
});

describe('valueNestsDeeperThan', () => {
  it('walks a value too deep for recursion without overflowing the stack', () => {
    expect(valueNestsDeeperThan(JSON.parse(nested(200_000)), 32)).toBe(true);
  });

  it('counts scalars as no depth', () => {
    expect(valueNestsDeeperThan('text', 0)).toBe(false);
    expect(valueNestsDeeperThan(null, 0)).toBe(false);
    expect(valueNestsDeeperThan({}, 0)).toBe(true);
  });
});
