import { generateKeyPairSync } from 'node:crypto';
import { sealSignatureValid, signSeal, type UnsignedSeal } from './seal';

describe('a seal’s signature', () => {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const unsigned: UnsignedSeal = {
    id: 2,
    fromPosition: 1000,
    toPosition: 1500,
    eventCount: 500,
    treeSize: 1500,
    merkleRoot: 'ab'.repeat(32),
    previousSealId: 1,
    previousRoot: 'cd'.repeat(32),
    accessLogSeq: 12,
    accessLogHash: 'ef'.repeat(32),
    keyId: 'ed25519:0123456789abcdef',
    createdAt: new Date('2026-02-01T12:00:00.000Z'),
  };

  it('holds for the seal as signed', () => {
    expect(sealSignatureValid(signSeal(unsigned, privateKey), publicKey)).toBe(true);
  });

  it('breaks when any field changes, or under another key', () => {
    const seal = signSeal(unsigned, privateKey);
    expect(sealSignatureValid({ ...seal, treeSize: 1501 }, publicKey)).toBe(false);
    expect(sealSignatureValid({ ...seal, previousRoot: null }, publicKey)).toBe(false);
    expect(sealSignatureValid({ ...seal, accessLogSeq: 11 }, publicKey)).toBe(false);
    const other = generateKeyPairSync('ed25519').publicKey;
    expect(sealSignatureValid(seal, other)).toBe(false);
    expect(sealSignatureValid({ ...seal, signature: 'garbage' }, publicKey)).toBe(false);
  });
});
