import { wantsEvent } from './webhook-filter';

describe('which events a webhook subscription wants', () => {
  const visit = 'nl.samenloop.visit-held.v1';
  const match = 'nl.samenloop.involvement-matched.v1';

  it('wants everything when it names neither types nor categories', () => {
    expect(wantsEvent({ types: null, categories: null }, visit)).toBe(true);
  });

  it('wants the types it names', () => {
    expect(wantsEvent({ types: [visit], categories: null }, visit)).toBe(true);
    expect(wantsEvent({ types: [visit], categories: null }, match)).toBe(false);
  });

  it('wants the types of the categories it names, the match being involvement', () => {
    expect(wantsEvent({ types: null, categories: ['involvement'] }, match)).toBe(true);
    expect(wantsEvent({ types: null, categories: ['involvement'] }, visit)).toBe(false);
    expect(wantsEvent({ types: null, categories: ['contact'] }, visit)).toBe(true);
  });

  it('wants an event named by either its type or its category', () => {
    const both = { types: [visit], categories: ['involvement'] };
    expect(wantsEvent(both, visit)).toBe(true);
    expect(wantsEvent(both, match)).toBe(true);
    expect(wantsEvent(both, 'nl.samenloop.referral-made.v1')).toBe(false);
  });
});
