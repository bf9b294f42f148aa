import { jsonTextNestsDeeperThan, valueNestsDeeperThan } from './json-depth';

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('jsonTextNestsDeeperThan', () => {
  it.each([
    ['a scalar', '42', 0, false],
    ['an object at the limit', '{"a":{"b":[1]}}', 3, false],
    ['an object past the limit', '{"a":{"b":[1]}}', 2, true],
    ['siblings, which do not add up', '[[1],[2],{"c":[3]}]', 3, false],
    ['brackets inside strings', '{"a":"[[[[{{{{"}', 1, false],
    ['an escaped quote before brackets', '["\\"[[[["]', 1, false],
    ['an escaped backslash before the closing quote', '["\\\\", [[1]]]', 2, true],
  ])('reads %s', (_case, text, limit, deeper) => {
    expect(jsonTextNestsDeeperThan(text, limit)).toBe(deeper);
    if (text !== '42') expect(valueNestsDeeperThan(JSON.parse(text), limit)).toBe(deeper);
  });

  it('stops early in a body of millions of brackets', () => {
    expect(jsonTextNestsDeeperThan(nested(2_500_000), 32)).toBe(true);
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
