import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { ConfigError, type AppConfig } from '@samenloop/platform';

/** The Ed25519 key that signs seals, with the id that names its public half in every seal. */
export interface SealKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  keyId: string;
  /** SPKI PEM: what is stored beside the seals and handed to auditors. */
  publicKeyPem: string;
}

export const SEAL_KEY_VARIABLE = 'SAMENLOOP_SEAL_KEY';

// The DER prefix of an Ed25519 PKCS#8 private key; the 32-byte seed follows it.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The configured seal key (PKCS#8 PEM, or base64 of PKCS#8 DER or of the bare 32-byte seed), or
 * undefined when SAMENLOOP_SEAL_KEY is unset.
 */
export function configuredSealKey(
  config: Pick<AppConfig, 'SAMENLOOP_SEAL_KEY'>,
): SealKey | undefined {
  const value = config.SAMENLOOP_SEAL_KEY?.trim();
  return value ? sealKeyFrom(value, SEAL_KEY_VARIABLE) : undefined;
}

export function sealKeyFrom(text: string, origin = 'the seal key'): SealKey {
  let privateKey: KeyObject;
  try {
    privateKey = text.includes('-----BEGIN')
      ? createPrivateKey({ key: text, format: 'pem' })
      : createPrivateKey({
          key: pkcs8Der(Buffer.from(text, 'base64')),
          format: 'der',
          type: 'pkcs8',
        });
  } catch {
    throw new ConfigError(
      `Invalid configuration: ${origin} must be an Ed25519 private key (PKCS#8 PEM or base64)`,
    );
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new ConfigError(`Invalid configuration: ${origin} must be an Ed25519 key`);
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    keyId: keyIdOf(publicKey),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** An Ed25519 public key as PEM (SPKI) or base64 DER; what `verify --trust` is given. */
export function publicKeyFrom(text: string): KeyObject {
  const key = text.includes('-----BEGIN')
    ? createPublicKey({ key: text, format: 'pem' })
    : createPublicKey({ key: Buffer.from(text.trim(), 'base64'), format: 'der', type: 'spki' });
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the seal key must be an Ed25519 key');
  return key;
}

/** The first 16 hex digits of SHA-256 over the SPKI DER: stable, short, and bound to the key. */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `ed25519:${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

function pkcs8Der(bytes: Buffer): Buffer {
  return bytes.length === 32 ? Buffer.concat([PKCS8_ED25519_PREFIX, bytes]) : bytes;
}
