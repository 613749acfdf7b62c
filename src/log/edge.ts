// The right edge of the tree: at every tile level, the hashes of the rightmost tile that is not full
// yet. That is all appending and the tree head need, so a sequencer keeps it in memory between
// batches and never reads the rest of the tree.
import { HASH_SIZE, TILE_HEIGHT, TILE_WIDTH, partialTiles, rootHash, subtreeFromTile, tileNodeReader } from '../core/merkle/index.js';
import type { StoredTile } from '../store/repos/log.js';

const TILE_BYTES = TILE_WIDTH * HASH_SIZE;

export class RightEdge {
  /** buffers[L] holds widths[L] hashes of tree level 8L: the open tile, number indexes[L], of tile level L. */
  private constructor(
    private treeSize: number,
    private readonly buffers: Uint8Array[],
    private readonly widths: number[],
    private readonly indexes: number[],
  ) {}

  static empty(): RightEdge {
    return new RightEdge(0, [], [], []);
  }

  /** Rebuilds the edge of a tree of `size` leaves from its stored partial tiles (longer rows are cut to width). */
  static fromTiles(size: number, tiles: readonly StoredTile[]): RightEdge {
    const edge = RightEdge.empty();
    edge.treeSize = size;
    for (let level = 0; TILE_WIDTH ** level <= size; level++) {
      edge.ensureLevel(level);
      edge.indexes[level] = Math.floor(Math.floor(size / TILE_WIDTH ** level) / TILE_WIDTH);
    }
    for (const want of partialTiles(size)) {
      const t = tiles.find((x) => x.level === want.level && x.idx === want.index);
      if (!t || t.width < want.width || t.hashes.length < want.width * HASH_SIZE) {
        throw new Error(`stored tile ${want.level}/${want.index} is missing or shorter than width ${want.width}`);
      }
      edge.ensureLevel(want.level);
      edge.buffers[want.level]!.set(t.hashes.subarray(0, want.width * HASH_SIZE));
      edge.widths[want.level] = want.width;
    }
    return edge;
  }

  /** The tiles fromTiles needs for a tree of `size` leaves. */
  static tilesNeeded(size: number): { level: number; idx: number }[] {
    return partialTiles(size).map((t) => ({ level: t.level, idx: t.index }));
  }

  get size(): number {
    return this.treeSize;
  }

  clone(): RightEdge {
    return new RightEdge(
      this.treeSize,
      this.buffers.map((b) => Uint8Array.from(b)),
      [...this.widths],
      [...this.indexes],
    );
  }

  /**
   * Appends leaf hashes and returns every tile whose content changed: the tiles that became full,
   * then the open tiles as they now stand.
   */
  append(leafHashes: readonly Uint8Array[]): StoredTile[] {
    const changed = new Map<string, StoredTile>();
    const record = (level: number, width: number): void => {
      const idx = this.indexes[level]!;
      changed.set(`${level}/${idx}`, { level, idx, width, hashes: this.buffers[level]!.slice(0, width * HASH_SIZE) });
    };
    for (const h of leafHashes) {
      if (h.length !== HASH_SIZE) throw new TypeError('leaf hash must be 32 bytes');
      let level = 0;
      let hash = h;
      // Carry a full tile's subtree hash up into the next tile level, as far as tiles fill.
      for (;;) {
        this.ensureLevel(level);
        const w = this.widths[level]!;
        this.buffers[level]!.set(hash, w * HASH_SIZE);
        this.widths[level] = w + 1;
        if (w + 1 < TILE_WIDTH) break;
        record(level, TILE_WIDTH);
        hash = subtreeFromTile(this.buffers[level]!, TILE_HEIGHT, 0);
        this.widths[level] = 0;
        this.indexes[level] = this.indexes[level]! + 1;
        level++;
      }
      this.treeSize++;
    }
    for (let level = 0; level < this.widths.length; level++) {
      const w = this.widths[level]!;
      if (w > 0) record(level, w);
    }
    return [...changed.values()];
  }

  /** MTH of the whole tree. Every node of the root's decomposition lies in an open tile. */
  root(): Uint8Array {
    const read = tileNodeReader((level, index, minWidth) => {
      const w = this.widths[level] ?? 0;
      if (index !== this.indexes[level] || w < minWidth) {
        throw new Error(`tile ${level}/${index} is not on the right edge`);
      }
      return this.buffers[level]!.subarray(0, w * HASH_SIZE);
    });
    return rootHash(this.treeSize, read);
  }

  private ensureLevel(level: number): void {
    while (this.buffers.length <= level) {
      this.buffers.push(new Uint8Array(TILE_BYTES));
      this.widths.push(0);
      this.indexes.push(0);
    }
  }
}
