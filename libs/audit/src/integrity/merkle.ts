import { createHash } from 'node:crypto';

// RFC 6962 (Certificate Transparency) tree hashing: leaves and nodes are prefixed differently so
// that a node can never pass for a leaf.
const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

/** A log event's leaf: its global position and its chain hash (which covers its whole content). */
export function eventLeaf(position: number, eventHash: string): Buffer {
  return createHash('sha256').update(LEAF).update(`${position}\n${eventHash}`, 'utf8').digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(NODE).update(left).update(right).digest();
}

/**
 * The Merkle tree head over a growing log, kept as its frontier: the roots of the perfect subtrees
 * its leaves fill, largest first (one per 1-bit of the size). Appending costs O(log n) and needs
 * no earlier leaf, so a seal can continue from the previous seal's frontier.
 */
export class MerkleAccumulator {
  private constructor(
    private count: number,
    private readonly peaks: Buffer[],
  ) {}

  static empty(): MerkleAccumulator {
    return new MerkleAccumulator(0, []);
  }

  static resume(size: number, peaks: readonly string[]): MerkleAccumulator {
    if (!Number.isSafeInteger(size) || size < 0 || popCount(size) !== peaks.length) {
      throw new Error(`a Merkle frontier of size ${size} has ${popCount(size)} peaks`);
    }
    return new MerkleAccumulator(
      size,
      peaks.map((peak) => Buffer.from(peak, 'hex')),
    );
  }

  get size(): number {
    return this.count;
  }

  /** Like carrying in binary addition: equal-sized subtrees merge into one twice their size. */
  append(leaf: Buffer): void {
    let node = leaf;
    for (let size = this.count; size % 2 === 1; size = Math.floor(size / 2)) {
      node = nodeHash(this.peaks.pop()!, node);
    }
    this.peaks.push(node);
    this.count += 1;
  }

  /** RFC 6962's MTH of every leaf so far: the peaks folded from the right. */
  root(): string {
    if (this.peaks.length === 0) return createHash('sha256').digest('hex');
    let root = this.peaks[this.peaks.length - 1]!;
    for (let index = this.peaks.length - 2; index >= 0; index -= 1) {
      root = nodeHash(this.peaks[index]!, root);
    }
    return root.toString('hex');
  }

  frontier(): string[] {
    return this.peaks.map((peak) => peak.toString('hex'));
  }
}

/** RFC 6962's definition, recursively: the reference the accumulator is tested against. */
export function merkleTreeHash(leaves: readonly Buffer[]): string {
  const hash = (from: number, to: number): Buffer => {
    if (to - from === 1) return leaves[from]!;
    let split = 1;
    while (split * 2 < to - from) split *= 2;
    return nodeHash(hash(from, from + split), hash(from + split, to));
  };
  return leaves.length === 0
    ? createHash('sha256').digest('hex')
    : hash(0, leaves.length).toString('hex');
}

function popCount(value: number): number {
  let count = 0;
  for (let rest = value; rest > 0; rest = Math.floor(rest / 2)) count += rest % 2;
  return count;
}
