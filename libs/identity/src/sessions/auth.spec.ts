import { createPrivateKey, generateKeyPairSync } from 'node:crypto';
import { overHttps } from './dashboard-request';
import { holderOf } from '../oidc/oidc-claims';
import { DECOY_HASH, hashPassword, needsRehash, verifyPassword } from '../accounts/password-hasher';
import { clearedSessionCookie, sessionCookie, sessionTokenOf } from './session-cookie';

describe('passwords', () => {
  it('are hashed with scrypt and a salt of their own, and verified against the hash', async () => {
    const [one, two] = await Promise.all([
      hashPassword('correct horse'),
      hashPassword('correct horse'),
    ]);
    expect(one).toMatch(/^scrypt\$131072\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(one).not.toBe(two);
    expect(await verifyPassword('correct horse', one)).toBe(true);
    expect(await verifyPassword('correct hors', one)).toBe(false);
    expect(await verifyPassword('correct horse', 'bcrypt$whatever')).toBe(false);
    expect(needsRehash(one)).toBe(false);
  });

  it('verify hashes of an older, cheaper cost, and ask for them to be made again', async () => {
    // `correct horse` at N=2^15, as hashes were made before.
    const older =
      'scrypt$32768$8$1$KHmlFTpr7eWiGvNt7JgI-g$oRgUrwEX-NX6br-fF2yMYc6pDrT8axldSfn23Yo2CD4';
    expect(await verifyPassword('correct horse', older)).toBe(true);
    expect(needsRehash(older)).toBe(true);
  });

  it('have a decoy at today’s cost that no password opens', async () => {
    expect(needsRehash(DECOY_HASH)).toBe(false);
    expect(await verifyPassword('', DECOY_HASH)).toBe(false);
  });

  it('refuse a stored hash that asks for more memory than today’s cost', async () => {
    const greedy = DECOY_HASH.replace('$131072$', '$1048576$');
    await expect(verifyPassword('x', greedy)).rejects.toThrow(/more scrypt memory/);
    // Without OpenSSL ever trying: its failed scrypt would break the process's next key import.
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(createPrivateKey(pem).asymmetricKeyType).toBe('ed25519');
  });
});

describe('the session cookie', () => {
  const token = 'k'.repeat(43);

  it('is HttpOnly and SameSite=Strict, Secure over HTTPS', () => {
    expect(sessionCookie(token, 3600, true)).toBe(
      `samenloop_session=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=3600; Secure`,
    );
    expect(clearedSessionCookie(false)).toBe(
      'samenloop_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0',
    );
  });

  it('is Secure whenever PUBLIC_URL is https, or the request came over HTTPS', () => {
    expect(overHttps({ headers: {} }, 'https://samenloop.example')).toBe(true);
    expect(overHttps({ headers: {} }, 'http://localhost:3000')).toBe(false);
    expect(overHttps({ protocol: 'https', headers: {} }, undefined)).toBe(true);
    // Fastify's protocol already took X-Forwarded-Proto from a trusted proxy; from anyone else it is ignored.
    const forwarded = { protocol: 'http', headers: { 'x-forwarded-proto': 'https' } };
    expect(overHttps(forwarded, undefined)).toBe(false);
  });

  it('is found among other cookies, and only when well-formed', () => {
    expect(sessionTokenOf(`theme=dark; samenloop_session=${token}`)).toBe(token);
    expect(sessionTokenOf('samenloop_session=short')).toBeUndefined();
    expect(sessionTokenOf(undefined)).toBeUndefined();
  });
});

describe('an ID token’s claims', () => {
  const settings = {
    issuer: 'x',
    clientId: 'x',
    clientSecret: 'x',
    roleClaim: 'roles',
    partnerClaim: 'org',
    redirectUri: 'https://hub.example/v1/auth/oidc/callback',
    origin: 'https://hub.example',
  };

  it('sign in the role they name, a case lead for its partner', () => {
    expect(
      holderOf(
        { sub: 's1', roles: ['reader', 'case-lead'], org: 'ggz', name: 'A. Jansen' },
        settings,
      ),
    ).toEqual({
      username: 's1',
      displayName: 'A. Jansen',
      role: 'case-lead',
      partnerId: 'ggz',
    });
    expect(
      holderOf({ sub: 's2', roles: 'auditor', preferred_username: 'auditor1' }, settings),
    ).toEqual({
      username: 'auditor1',
      displayName: 'auditor1',
      role: 'auditor',
    });
  });

  it('are refused without a role, or a case lead without a partner', () => {
    expect(() => holderOf({ sub: 's' }, settings)).toThrow(/names none of/);
    expect(() => holderOf({ sub: 's', roles: 'case-lead' }, settings)).toThrow(/partner/);
  });
});
