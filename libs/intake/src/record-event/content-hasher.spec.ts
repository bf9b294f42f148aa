import { randomBytes } from 'node:crypto';
import { canonicalJson, ContentHasher } from './content-hasher';

describe('canonicalJson', () => {
  it('sorts keys at every level and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: null, y: 'x' }], c: true } })).toBe(
      '{"a":{"c":true,"d":[2,{"y":"x","z":null}]},"b":1}',
    );
  });

  it('escapes keys and strings as JSON does', () => {
    expect(canonicalJson({ 'a"b': 'line\nbreak' })).toBe('{"a\\"b":"line\\nbreak"}');
  });
});

describe('ContentHasher', () => {
  const secrets = (bsnHashKey = randomBytes(32)) => ({
    masterKey: randomBytes(32),
    pseudonymKey: randomBytes(32),
    bsnHashKey,
    sealKey: 'not used by the hasher',
  });

  it('gives equal values the same hash whatever their key order', () => {
    const hasher = new ContentHasher(secrets());
    expect(hasher.hash({ id: '1', data: { a: 1, b: 2 } })).toBe(
      hasher.hash({ data: { b: 2, a: 1 }, id: '1' }),
    );
    expect(hasher.hash({ id: '1' })).not.toBe(hasher.hash({ id: '2' }));
  });

  it('depends on the hub key, so a guessed BSN cannot be tested against it', () => {
    const event = { data: { bsn: '111222333' } };
    expect(new ContentHasher(secrets()).hash(event)).not.toBe(
      new ContentHasher(secrets()).hash(event),
    );
  });
});
