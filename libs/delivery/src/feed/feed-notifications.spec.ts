import { partnersIn } from './feed-notifications';

describe('feed notifications', () => {
  it('reads the partners a feed notice names; anything else concerns every partner', () => {
    expect(partnersIn('["ggz","werk"]')).toEqual(['ggz', 'werk']);
    expect(partnersIn('')).toBeUndefined();
    expect(partnersIn('1234')).toBeUndefined();
    expect(partnersIn('[1]')).toBeUndefined();
    expect(partnersIn(undefined)).toBeUndefined();
  });
});
