import { createHash } from 'node:crypto';

/**
 * A PostgreSQL advisory lock, known by a bigint key. Names are keyed in one of two ways, and each
 * lock keeps the key that earlier versions took for it: processes of two versions side by side
 * (during an upgrade) still exclude each other.
 */
export class AdvisoryLock {
  private constructor(
    /** The statement parameter that `keyOf` makes the key of. */
    readonly value: string,
    private readonly hashedInSql: boolean,
  ) {}

  /** Keyed by the first 8 bytes of the name's sha256. */
  static named(name: string): AdvisoryLock {
    const key = createHash('sha256').update(name).digest().readBigInt64BE();
    return new AdvisoryLock(key.toString(), false);
  }

  /** Keyed by PostgreSQL's `hashtextextended(name, 0)`, which statements can take by name. */
  static hashed(name: string): AdvisoryLock {
    return new AdvisoryLock(name, true);
  }

  /** A fixed key. */
  static keyed(key: number): AdvisoryLock {
    return new AdvisoryLock(String(key), false);
  }

  /** The SQL expression of the key, of the parameter or column `operand` that holds `value`. */
  keyOf(operand: string): string {
    return this.hashedInSql ? `hashtextextended(${operand}, 0)` : `${operand}::bigint`;
  }

  /** Sorts locks into the one order every process takes them in, so that none wait on each other. */
  static inOrder(locks: readonly AdvisoryLock[]): AdvisoryLock[] {
    const order = ({ value, hashedInSql }: AdvisoryLock) => `${hashedInSql}:${value}`;
    return [...locks].sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
  }
}
