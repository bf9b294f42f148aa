import { randomBytes } from 'node:crypto';
import { hashBsn, isValidBsn } from './bsn';

describe('BSN', () => {
  it('accepts numbers passing the eleven test', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
  });

  it('refuses wrong checksums, lengths and characters', () => {
    expect(isValidBsn('111222334')).toBe(false);
    expect(isValidBsn('12345678')).toBe(false);
    expect(isValidBsn('12345678a')).toBe(false);
  });

  it('hashes with the key: the same BSN under another key gives another hash', () => {
    const key = randomBytes(32);
    expect(hashBsn(key, '111222333')).toBe(hashBsn(key, '111222333'));
    expect(hashBsn(key, '111222333')).not.toBe(hashBsn(randomBytes(32), '111222333'));
    expect(hashBsn(key, '111222333')).not.toContain('111222333');
  });
});
