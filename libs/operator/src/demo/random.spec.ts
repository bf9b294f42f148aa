import { deriveSeed, Random, seedFromText } from './random';

const draws = (random: Random, count: number) =>
  Array.from({ length: count }, () => random.float());

describe('Random', () => {
  it('repeats its numbers for a seed', () => {
    expect(draws(new Random(42), 5)).toEqual(draws(new Random(42), 5));
    expect(draws(new Random(42), 5)).not.toEqual(draws(new Random(43), 5));
  });

  it('draws whole numbers in the closed range, each about equally often', () => {
    const random = new Random(1);
    const counts = new Map<number, number>();
    for (let i = 0; i < 6000; i++) {
      const value = random.int(1, 6);
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    for (const count of counts.values()) expect(Math.abs(count - 1000)).toBeLessThan(150);
  });

  it('follows the weights of a weighted choice', () => {
    const random = new Random(2);
    const picks = Array.from({ length: 10_000 }, () =>
      random.weighted([
        ['often', 3],
        ['seldom', 1],
        ['never', 0],
      ]),
    );
    const often = picks.filter((pick) => pick === 'often').length / picks.length;
    expect(often).toBeGreaterThan(0.72);
    expect(often).toBeLessThan(0.78);
    expect(picks).not.toContain('never');
  });

  it('samples distinct items', () => {
    const sample = new Random(3).sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(new Set(sample).size).toBe(3);
    expect(new Random(3).sample(['a', 'b'], 5).sort()).toEqual(['a', 'b']);
  });
});

describe('seeds', () => {
  it('derive a different seed per stream, the same each time', () => {
    const seeds = Array.from({ length: 1000 }, (_, stream) => deriveSeed(7, stream));
    expect(new Set(seeds).size).toBe(1000);
    expect(deriveSeed(7, 12)).toBe(seeds[12]);
    expect(deriveSeed(8, 12)).not.toBe(seeds[12]);
  });

  it('come from a text', () => {
    expect(seedFromText('abc123')).toBe(seedFromText('abc123'));
    expect(seedFromText('abc123')).not.toBe(seedFromText('abc124'));
  });
});
