import { randomBytes } from 'node:crypto';
import { open, seal } from './envelope-cipher';

describe('envelope cipher', () => {
  const key = randomBytes(32);
  const plaintext = Buffer.from('{"givenName":"Fatima"}');

  it('opens what it sealed', () => {
    expect(open(key, seal(key, plaintext, 'client-1'), 'client-1')).toEqual(plaintext);
  });

  it('never repeats a ciphertext for the same input', () => {
    expect(seal(key, plaintext, 'client-1')).not.toEqual(seal(key, plaintext, 'client-1'));
  });

  it('refuses another key, another context, or a changed byte', () => {
    const sealed = seal(key, plaintext, 'client-1');
    expect(() => open(randomBytes(32), sealed, 'client-1')).toThrow();
    expect(() => open(key, sealed, 'client-2')).toThrow();
    const parts = sealed.split('.');
    const body = Buffer.from(parts[3]!, 'base64url');
    body[0] = body[0]! ^ 1;
    parts[3] = body.toString('base64url');
    expect(() => open(key, parts.join('.'), 'client-1')).toThrow();
  });

  it('refuses a tag cut to 4 bytes, of which only those 4 would be checked', () => {
    const [version, iv, tag, ciphertext] = seal(key, plaintext, 'client-1').split('.');
    const short = Buffer.from(tag!, 'base64url').subarray(0, 4).toString('base64url');

    expect(() => open(key, [version, iv, short, ciphertext].join('.'), 'client-1')).toThrow(
      /authentication tag length/,
    );
  });
});
