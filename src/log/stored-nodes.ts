// Runs a tree computation (a proof, a root) against the stored tiles: a dry run lists the nodes
// it reads, one query fetches the tiles holding them, and the real run reads from those.
// Nodes inside a tile (levels 1–7 above its row) are computed from its hashes once per tile and
// kept in a bounded cache: tiles only ever grow, so a tile of a given width never changes.
import { nodeHash, nodesRead, tileNodeLocation, HASH_SIZE, type GetNode } from '../core/merkle/index.js';
import { logTreeRepo } from '../store/repos/log.js';
import type { Queryable } from '../store/repos/types.js';

/** Rows of a tile's subtree hashes: row k holds the full subtrees of 2^k hashes. */
type TileRows = Uint8Array[][];

export interface TileRowCache {
  get(key: string): TileRows | undefined;
  set(key: string, rows: TileRows): void;
}

export function tileRowCache(capacity = 1024): TileRowCache {
  const map = new Map<string, TileRows>();
  return {
    get(key) {
      const rows = map.get(key);
      if (rows) {
        map.delete(key);
        map.set(key, rows);
      }
      return rows;
    },
    set(key, rows) {
      map.set(key, rows);
      if (map.size > capacity) map.delete(map.keys().next().value!);
    },
  };
}

function expand(hashes: Uint8Array): TileRows {
  const rows: TileRows = [[]];
  for (let i = 0; i + HASH_SIZE <= hashes.length; i += HASH_SIZE) rows[0]!.push(hashes.subarray(i, i + HASH_SIZE));
  for (let k = 0; rows[k]!.length > 1; k++) {
    const below = rows[k]!;
    const up: Uint8Array[] = [];
    for (let i = 0; i + 1 < below.length; i += 2) up.push(nodeHash(below[i]!, below[i + 1]!));
    rows.push(up);
  }
  return rows;
}

export async function withStoredNodes<T>(db: Queryable, compute: (getNode: GetNode) => T, cache: TileRowCache = tileRowCache(64)): Promise<T> {
  const keys = new Map<string, { level: number; idx: number }>();
  for (const ref of nodesRead(compute)) {
    const loc = tileNodeLocation(ref.level, ref.index);
    keys.set(`${loc.tileLevel}/${loc.tileIndex}`, { level: loc.tileLevel, idx: loc.tileIndex });
  }
  const tiles = new Map((await logTreeRepo.readTiles(db, [...keys.values()])).map((t) => [`${t.level}/${t.idx}`, t]));
  return compute((level, index) => {
    const loc = tileNodeLocation(level, index);
    const t = tiles.get(`${loc.tileLevel}/${loc.tileIndex}`);
    if (!t || t.width < loc.minWidth) throw new Error(`stored tile ${loc.tileLevel}/${loc.tileIndex} is missing or shorter than ${loc.minWidth}`);
    const key = `${t.level}/${t.idx}/${t.width}`;
    let rows = cache.get(key);
    if (!rows) {
      rows = expand(t.hashes);
      cache.set(key, rows);
    }
    const node = rows[loc.subLevel]?.[loc.subIndex];
    if (!node) throw new Error(`tile ${key} has no node ${loc.subLevel}/${loc.subIndex}`);
    return node;
  });
}
