import { isValidBsn } from '@samenloop/domain';
import { BSN_BLOCKS, bsnOfBlock } from './person-generator';
import { Random } from './random';

describe('bsnOfBlock', () => {
  it('passes the eleven test, one BSN per block, whatever the random choice', () => {
    const random = new Random(9);
    const blocks = [0, 1, 2, 10, 11, 4_500_000, BSN_BLOCKS - 1];
    const bsns = blocks.flatMap((block) => [bsnOfBlock(block, random), bsnOfBlock(block, random)]);
    expect(bsns.every(isValidBsn)).toBe(true);
    for (let i = 0; i < blocks.length; i++) {
      expect(bsns[2 * i]!.slice(0, 7)).toBe(bsns[2 * i + 1]!.slice(0, 7));
      expect(bsns[2 * i]!.slice(0, 7)).toBe(String(1_000_000 + blocks[i]!));
    }
  });

  it('gives distinct BSNs to distinct blocks', () => {
    const random = new Random(10);
    const bsns = Array.from({ length: 20_000 }, (_, block) => bsnOfBlock(block * 37, random));
    expect(new Set(bsns).size).toBe(bsns.length);
    expect(bsns.every(isValidBsn)).toBe(true);
  });
});
