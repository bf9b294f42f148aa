import { LruCache } from '../cache/lru-cache';

/**
 * How long the caller behind a credential is remembered. Only the rate limit and the operator
 * endpoints ask; each route still authenticates the credential itself, so a rotation, revocation
 * or sign-out is never missed where it matters.
 */
const REMEMBER_MS = 30_000;
const REMEMBERED = 10_000;

interface Remembered {
  caller: string | undefined;
  until: number;
}

/** A CallerIdentity's memory: the caller behind each credential hash, for a short while. */
export class RememberedCallers {
  private readonly entries = new LruCache<string, Remembered>(REMEMBERED);

  /** The caller remembered for `credentialHash`, else the one `lookUp` finds, remembered. */
  async callerFor(
    credentialHash: string,
    lookUp: () => Promise<string | undefined>,
  ): Promise<string | undefined> {
    const now = Date.now();
    const known = this.entries.get(credentialHash);
    if (known && known.until > now) return known.caller;
    const caller = await lookUp();
    this.entries.set(credentialHash, { caller, until: now + REMEMBER_MS });
    return caller;
  }
}
