import { randomBytes } from 'node:crypto';
import { hashBsn } from './bsn';

describe('BSN', () => {
  it('hashes with the key: the same BSN under another key gives another hash', () => {
    const key = randomBytes(32);
    expect(hashBsn(key, '111222333')).toBe(hashBsn(key, '111222333'));
    expect(hashBsn(key, '111222333')).not.toBe(hashBsn(randomBytes(32), '111222333'));
    expect(hashBsn(key, '111222333')).not.toContain('111222333');
  });
});
