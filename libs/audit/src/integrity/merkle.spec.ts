import { createHash } from 'node:crypto';
import { eventLeaf, MerkleAccumulator, merkleTreeHash, nodeHash } from './merkle';

const leaf = (n: number) => eventLeaf(n, createHash('sha256').update(String(n)).digest('hex'));

describe('MerkleAccumulator', () => {
  it('gives RFC 6962’s tree hash for every size', () => {
    const accumulator = MerkleAccumulator.empty();
    const leaves = [];
    for (let n = 1; n <= 70; n += 1) {
      leaves.push(leaf(n));
      accumulator.append(leaf(n));
      expect(accumulator.root()).toBe(merkleTreeHash(leaves));
    }
  });

  it('builds the small trees as the RFC draws them', () => {
    const [a, b, c] = [leaf(1), leaf(2), leaf(3)];
    expect(merkleTreeHash([a, b, c])).toBe(nodeHash(nodeHash(a, b), c).toString('hex'));
  });

  it('continues from a frontier as if it had never stopped', () => {
    const whole = MerkleAccumulator.empty();
    const first = MerkleAccumulator.empty();
    for (let n = 1; n <= 13; n += 1) {
      whole.append(leaf(n));
      first.append(leaf(n));
    }
    const resumed = MerkleAccumulator.resume(first.size, first.frontier());
    for (let n = 14; n <= 40; n += 1) {
      whole.append(leaf(n));
      resumed.append(leaf(n));
    }
    expect(resumed.root()).toBe(whole.root());
    expect(resumed.size).toBe(40);
  });

  it('refuses a frontier that does not fit its size', () => {
    expect(() => MerkleAccumulator.resume(3, ['00'])).toThrow(/has 2 peaks/);
  });

  it('binds the position: the same event hash at another position is another leaf', () => {
    expect(eventLeaf(1, 'ab').equals(eventLeaf(2, 'ab'))).toBe(false);
  });
});
