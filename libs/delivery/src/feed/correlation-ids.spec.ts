import { correlationIdsOf } from './correlation-ids';
import type { FeedEntry } from './partner-feed-types';

const entry = (correlationId?: string) =>
  ({ ...(correlationId === undefined ? {} : { correlationId }) }) as FeedEntry;

describe('correlationIdsOf', () => {
  it('names each correlation id once, in order', () => {
    expect(correlationIdsOf([entry('a'), entry('b'), entry('a'), entry()])).toBe('a,b');
  });

  it('says none when no entry has one', () => {
    expect(correlationIdsOf([entry(), entry()])).toBe('none');
  });

  it('names twenty and counts the rest', () => {
    const entries = Array.from({ length: 25 }, (_, n) => entry(`r${n}`));
    expect(correlationIdsOf(entries)).toMatch(/^r0,r1,.*,r19 \(\+5 more\)$/);
  });
});
