import { trustProxyOption } from './trust-proxy';

describe('trustProxyOption', () => {
  it('believes no proxy when unset or 0', () => {
    expect(trustProxyOption(undefined)).toBe(false);
    expect(trustProxyOption('0')).toBe(false);
  });

  it('lists addresses, CIDRs and names', () => {
    expect(trustProxyOption('10.0.0.1, 10.1.0.0/16,loopback')).toEqual([
      '10.0.0.1',
      '10.1.0.0/16',
      'loopback',
    ]);
  });

  it('believes the nearest n hops for a hop count', () => {
    const trust = trustProxyOption('2');
    if (typeof trust !== 'function') throw new Error('a hop count gives a function');
    expect([0, 1, 2].map((hop) => trust('203.0.113.9', hop))).toEqual([true, true, false]);
  });
});
