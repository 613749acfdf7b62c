// A streaming Merkle "compact range" for the verifier: appending full subtrees left to right keeps
// only the hashes that rootHash() needs for the current size (one per set bit of the size), so a
// log of any size is folded in O(log n) memory. The fold itself is the core's rootHash().
import { nodeHash, rootHash } from '../core/merkle/index.js';

export class CompactRange {
  /** Leaves covered so far. */
  private covered = 0;
  /** For each set bit l of `covered`, the hash of the full subtree at level l ending the covered prefix. */
  private readonly pending = new Map<number, Uint8Array>();

  get size(): number {
    return this.covered;
  }

  /**
   * Appends the hash of a full subtree of 2^level leaves. The range covered so far must be a
   * multiple of 2^level (subtrees are appended in tree order).
   */
  append(level: number, hash: Uint8Array): void {
    const span = 2 ** level;
    if (!Number.isInteger(level) || level < 0 || this.covered % span !== 0) {
      throw new RangeError(`cannot append a level-${level} subtree after ${this.covered} leaves`);
    }
    let h = hash;
    let l = level;
    for (let left = this.pending.get(l); left !== undefined; left = this.pending.get(l)) {
      this.pending.delete(l);
      h = nodeHash(left, h);
      l++;
    }
    this.pending.set(l, h);
    this.covered += span;
  }

  /** MTH of the leaves covered so far. */
  root(): Uint8Array {
    return rootHash(this.covered, (level) => {
      const h = this.pending.get(level);
      if (h === undefined) throw new Error(`compact range has no subtree at level ${level}`);
      return h;
    });
  }
}
