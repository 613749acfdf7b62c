import { describe, expect, it } from 'vitest';
import { MemoryTree, leafHash, toHex } from '../core/merkle/index.js';
import { CompactRange } from './verifier-range.js';

const leaf = (i: number) => leafHash(new TextEncoder().encode(`leaf ${i}`));

describe('CompactRange', () => {
  it('folds leaves one by one to the same roots as MemoryTree', () => {
    const tree = new MemoryTree();
    const range = new CompactRange();
    expect(toHex(range.root())).toBe(toHex(tree.rootHash(0)));
    for (let i = 0; i < 300; i++) {
      tree.append(leaf(i));
      range.append(0, leaf(i));
      expect(toHex(range.root())).toBe(toHex(tree.rootHash()));
    }
  });

  it('accepts whole subtrees, then leaves, like tiles of 256 followed by a partial tile', () => {
    const tree = new MemoryTree();
    for (let i = 0; i < 256 * 3 + 41; i++) tree.append(leaf(i));
    const range = new CompactRange();
    for (let t = 0; t < 3; t++) range.append(8, tree.node(8, t));
    for (let i = 256 * 3; i < tree.size; i++) range.append(0, tree.node(0, i));
    expect(range.size).toBe(tree.size);
    expect(toHex(range.root())).toBe(toHex(tree.rootHash()));
  });

  it('refuses a subtree that is not aligned to what was appended', () => {
    const range = new CompactRange();
    range.append(0, leaf(0));
    expect(() => range.append(8, leaf(1))).toThrow(RangeError);
  });
});
