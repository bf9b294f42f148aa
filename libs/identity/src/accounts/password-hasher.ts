import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost as OWASP's password storage cheat sheet recommends it (2026): N=2^17, r=8, p=1. */
const PARAMETERS = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
/**
 * scrypt needs 128·N·r bytes (128 MiB here) plus a little: twice that admits today's cost and
 * refuses a stored hash that asks for more.
 */
const MAX_MEMORY = 2 * 128 * PARAMETERS.N * PARAMETERS.r;
/**
 * Hashes running at once. Each holds 128 MiB and a thread of libuv's pool (which file and DNS
 * work share); more sign-ins at once wait their turn instead of exhausting memory and the pool.
 */
const CONCURRENT_HASHES = 2;

const STORED = /^scrypt\$(\d{1,10})\$(\d{1,3})\$(\d{1,3})\$([\w-]{16,64})\$([\w-]{32,128})$/;

let running = 0;
const waiting: (() => void)[] = [];

async function inTurn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= CONCURRENT_HASHES) await new Promise<void>((resolve) => waiting.push(resolve));
  else running++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function derive(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return inTurn(
    () =>
      new Promise((resolve, reject) =>
        scrypt(
          password.normalize('NFKC'),
          salt,
          KEY_LENGTH,
          { ...options, maxmem: MAX_MEMORY },
          (error, key) => (error ? reject(error) : resolve(key)),
        ),
      ),
  );
}

/** `scrypt$N$r$p$salt$key` (base64url): the parameters travel with the hash, so they can grow. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMETERS);
  const { N, r, p } = PARAMETERS;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/**
 * A hash at today's cost that no password has: verified against when an account does not exist,
 * so that the answer takes as long as for one that does.
 */
export const DECOY_HASH = [
  'scrypt',
  PARAMETERS.N,
  PARAMETERS.r,
  PARAMETERS.p,
  'A'.repeat(22),
  'A'.repeat(43),
].join('$');

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = STORED.exec(stored);
  if (!match) return false;
  const [, N, r, p, salt, key] = match;
  const options = { N: Number(N), r: Number(r), p: Number(p) };
  // Refused here, not by OpenSSL: a scrypt that fails its memory limit leaves an error on OpenSSL's
  // queue, and Node's next key import in this process (a seal key, say) fails on it.
  if (128 * options.N * options.r > MAX_MEMORY / 2) {
    throw new Error('the stored hash asks for more scrypt memory than today’s cost');
  }
  const expected = Buffer.from(key!, 'base64url');
  const actual = await derive(password, Buffer.from(salt!, 'base64url'), options);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** True when a stored hash costs less than today's parameters: hash the password again. */
export function needsRehash(stored: string): boolean {
  const match = STORED.exec(stored);
  if (!match) return true;
  const [, N, r, p] = match.map(Number);
  return N! < PARAMETERS.N || r! < PARAMETERS.r || p! < PARAMETERS.p;
}
