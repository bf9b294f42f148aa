import { isValidBsn } from './bsn-rule';

describe('the BSN eleven test', () => {
  it('accepts numbers passing it', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
  });

  it('refuses wrong checksums, lengths and characters', () => {
    expect(isValidBsn('111222334')).toBe(false);
    expect(isValidBsn('12345678')).toBe(false);
    expect(isValidBsn('12345678a')).toBe(false);
  });
});
