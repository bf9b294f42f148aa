import { derivedKey } from './derived-key';

describe('derivedKey', () => {
  it('gives 32 bytes, the same for the same secret and purpose', () => {
    const key = derivedKey('master', 'samenloop webhook secrets');
    expect(key).toHaveLength(32);
    expect(derivedKey('master', 'samenloop webhook secrets')).toEqual(key);
  });

  it('gives another key for another purpose or secret', () => {
    const key = derivedKey('master', 'samenloop webhook secrets');
    expect(derivedKey('master', 'samenloop intake content hash')).not.toEqual(key);
    expect(derivedKey('other', 'samenloop webhook secrets')).not.toEqual(key);
  });
});
