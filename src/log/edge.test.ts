import { describe, expect, it } from 'vitest';
import { MemoryTree, TILE_WIDTH, leafHash, tileHashes, tileWidth, toHex } from '../core/merkle/index.js';
import type { StoredTile } from '../store/repos/log.js';
import { RightEdge } from './edge.js';

const leaf = (i: number): Uint8Array => leafHash(new TextEncoder().encode(`entry ${i}`));

/** Applies appended tiles the way the database does: one row per tile, latest content wins. */
function store(rows: Map<string, StoredTile>, tiles: StoredTile[]): void {
  for (const t of tiles) {
    const prev = rows.get(`${t.level}/${t.idx}`);
    expect(prev === undefined || prev.width <= t.width).toBe(true);
    rows.set(`${t.level}/${t.idx}`, t);
  }
}

describe('RightEdge', () => {
  it('gives the empty tree the empty root', () => {
    expect(toHex(RightEdge.empty().root())).toBe(toHex(new MemoryTree().rootHash()));
  });

  // Batch sizes that cross tile boundaries at levels 0 and 1 (65,536 leaves fill a level-1 tile).
  it.each([[[1, 1, 1, 300]], [[255, 1, 256, 257]], [[65_535, 1, 2]], [[70_000]]])(
    'matches MemoryTree root and tiles after batches %o, and resumes from stored tiles',
    (batches) => {
      const tree = new MemoryTree();
      const rows = new Map<string, StoredTile>();
      let edge = RightEdge.empty();
      let n = 0;
      for (const b of batches) {
        const hashes = Array.from({ length: b }, () => leaf(n++));
        for (const h of hashes) tree.append(h);
        store(rows, edge.append(hashes));
        expect(edge.size).toBe(tree.size);
        expect(toHex(edge.root())).toBe(toHex(tree.rootHash()));
        // Resuming from storage yields the same edge.
        const resumed = RightEdge.fromTiles(edge.size, [...rows.values()]);
        expect(toHex(resumed.root())).toBe(toHex(tree.rootHash()));
        edge = b % 2 === 0 ? resumed : edge.clone();
      }
      for (const t of rows.values()) {
        expect(t.width).toBe(tileWidth(t.level, t.idx, tree.size));
        expect(toHex(t.hashes)).toBe(toHex(tileHashes({ level: t.level, index: t.idx, width: t.width }, tree.getNode)));
      }
      expect(rows.has(`1/0`)).toBe(n >= TILE_WIDTH);
    },
  );

  it('does not change when a clone is appended to', () => {
    const edge = RightEdge.empty();
    edge.append([leaf(0), leaf(1)]);
    const root = toHex(edge.root());
    edge.clone().append([leaf(2)]);
    expect(toHex(edge.root())).toBe(root);
    expect(edge.size).toBe(2);
  });

  it('refuses to resume from tiles shorter than the tree size needs', () => {
    const edge = RightEdge.empty();
    const tiles = edge.append([leaf(0), leaf(1), leaf(2)]);
    expect(() => RightEdge.fromTiles(4, tiles)).toThrow(/shorter/);
  });
});
