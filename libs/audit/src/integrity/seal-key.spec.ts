import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { ConfigError } from '@samenloop/platform';
import { keyIdOf, configuredSealKey, publicKeyFrom, sealKeyFrom } from './seal-key';

describe('the seal key', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const der = privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');

  it('is read from PKCS#8 PEM or base64 DER, and named by its public key', () => {
    const fromPem = sealKeyFrom(pem);
    expect(fromPem.keyId).toBe(keyIdOf(publicKey));
    expect(fromPem.keyId).toMatch(/^ed25519:[0-9a-f]{16}$/);
    expect(sealKeyFrom(der).keyId).toBe(fromPem.keyId);
    expect(keyIdOf(publicKeyFrom(fromPem.publicKeyPem))).toBe(fromPem.keyId);
  });

  it('is read from a bare 32-byte seed', () => {
    const seed = randomBytes(32).toString('base64');
    expect(sealKeyFrom(seed).keyId).toBe(sealKeyFrom(seed).keyId);
  });

  it('is optional, and refused when it is not an Ed25519 private key', () => {
    expect(configuredSealKey({})).toBeUndefined();
    expect(configuredSealKey({ SAMENLOOP_SEAL_KEY: pem })?.keyId).toBe(keyIdOf(publicKey));
    expect(() => configuredSealKey({ SAMENLOOP_SEAL_KEY: 'not a key' })).toThrow(ConfigError);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => sealKeyFrom(rsa.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(
      /Ed25519/,
    );
  });
});
