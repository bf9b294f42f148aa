import { randomBytes } from 'node:crypto';
import { GCM_TAG_BYTES, gcmOpen, gcmSeal } from './gcm-cipher';

/** `sealed` with its tag cut to `length` bytes. */
function withTagOf(sealed: string, length: number): string {
  const [iv, tag, ciphertext] = sealed.split('.');
  const short = Buffer.from(tag!, 'base64url').subarray(0, length).toString('base64url');
  return [iv, short, ciphertext].join('.');
}

describe('the AES-256-GCM cipher', () => {
  const key = randomBytes(32);
  const plaintext = Buffer.from('Fatima, BSN 111222333');

  it('opens what it sealed, with a 16-byte tag', () => {
    const sealed = gcmSeal(key, plaintext, 'client-1');

    expect(Buffer.from(sealed.split('.')[1]!, 'base64url')).toHaveLength(GCM_TAG_BYTES);
    expect(gcmOpen(key, sealed, 'client-1')).toEqual(plaintext);
  });

  it('never repeats a ciphertext for the same input', () => {
    expect(gcmSeal(key, plaintext, 'client-1')).not.toEqual(gcmSeal(key, plaintext, 'client-1'));
  });

  it('refuses a truncated tag, of which Node would check only the bytes given', () => {
    const sealed = gcmSeal(key, plaintext, 'client-1');

    for (const length of [4, 8, 12, 15]) {
      expect(() => gcmOpen(key, withTagOf(sealed, length), 'client-1')).toThrow(
        /authentication tag length/,
      );
    }
  });

  it('refuses another key, other associated data, a changed byte or a malformed value', () => {
    const sealed = gcmSeal(key, plaintext, 'client-1');
    const parts = sealed.split('.');
    const body = Buffer.from(parts[2]!, 'base64url');
    body[0] = body[0]! ^ 1;

    expect(() => gcmOpen(randomBytes(32), sealed, 'client-1')).toThrow();
    expect(() => gcmOpen(key, sealed, 'client-2')).toThrow();
    expect(() =>
      gcmOpen(key, [parts[0], parts[1], body.toString('base64url')].join('.'), 'client-1'),
    ).toThrow();
    expect(() => gcmOpen(key, parts.slice(0, 2).join('.'), 'client-1')).toThrow(
      'not a sealed value',
    );
    expect(() => gcmOpen(key, `${sealed}.x`, 'client-1')).toThrow('not a sealed value');
  });
});
