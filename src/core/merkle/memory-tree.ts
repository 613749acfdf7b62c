// An in-memory append-only Merkle tree that keeps the hash of every full
// subtree, by level: the same "stored hash" layout a persistent log keeps.
import { HASH_SIZE, nodeHash } from './hash.js';
import { consistencyProof, inclusionProof, rootHash, type GetNode } from './tree.js';

export class MemoryTree {
  /** levels[l][i] is the hash of leaves [i * 2^l, (i + 1) * 2^l). */
  private readonly levels: Uint8Array[][] = [[]];

  /** Number of leaves appended so far. */
  get size(): number {
    return this.levels[0]!.length;
  }

  /**
   * Appends a leaf hash (see leafHash) and stores the hashes of the full
   * subtrees it completes. Returns the new leaf's index.
   */
  append(leafHash: Uint8Array): number {
    if (!(leafHash instanceof Uint8Array) || leafHash.length !== HASH_SIZE) {
      throw new TypeError(`leaf hash must be ${HASH_SIZE} bytes`);
    }
    const index = this.size;
    let hash: Uint8Array = Uint8Array.from(leafHash);
    let level = 0;
    for (;;) {
      const row = this.levels[level]!;
      row.push(hash);
      if (row.length % 2 === 1) break;
      hash = nodeHash(row[row.length - 2]!, hash);
      level++;
      if (this.levels.length === level) this.levels.push([]);
    }
    return index;
  }

  /** Hash of the full subtree of 2^level leaves starting at index * 2^level. */
  node(level: number, index: number): Uint8Array {
    const hash = this.levels[level]?.[index];
    if (hash === undefined) {
      throw new RangeError(`no full subtree at level ${level}, index ${index} in a tree of size ${this.size}`);
    }
    return hash;
  }

  /** node() bound for the functions of tree.ts. */
  readonly getNode: GetNode = (level, index) => this.node(level, index);

  rootHash(size: number = this.size): Uint8Array {
    this.checkSize(size);
    return rootHash(size, this.getNode);
  }

  inclusionProof(index: number, size: number = this.size): Uint8Array[] {
    this.checkSize(size);
    return inclusionProof(index, size, this.getNode);
  }

  consistencyProof(oldSize: number, newSize: number = this.size): Uint8Array[] {
    this.checkSize(newSize);
    return consistencyProof(oldSize, newSize, this.getNode);
  }

  private checkSize(size: number): void {
    if (size > this.size) throw new RangeError(`tree size ${size} exceeds the ${this.size} leaves appended`);
  }
}
