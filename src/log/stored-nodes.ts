// Runs a tree computation (a proof, a root) against the stored tiles: a dry run lists the nodes
// it reads, one query fetches the tiles holding them, and the real run reads from those.
import { nodesRead, tileNodeLocation, tileNodeReader, type GetNode } from '../core/merkle/index.js';
import { logTreeRepo } from '../store/repos/log.js';
import type { Queryable } from '../store/repos/types.js';

export async function withStoredNodes<T>(db: Queryable, compute: (getNode: GetNode) => T): Promise<T> {
  const keys = new Map<string, { level: number; idx: number }>();
  for (const ref of nodesRead(compute)) {
    const loc = tileNodeLocation(ref.level, ref.index);
    keys.set(`${loc.tileLevel}/${loc.tileIndex}`, { level: loc.tileLevel, idx: loc.tileIndex });
  }
  const tiles = new Map((await logTreeRepo.readTiles(db, [...keys.values()])).map((t) => [`${t.level}/${t.idx}`, t]));
  return compute(
    tileNodeReader((level, index, minWidth) => {
      const t = tiles.get(`${level}/${index}`);
      if (!t || t.width < minWidth) throw new Error(`stored tile ${level}/${index} is missing or shorter than ${minWidth}`);
      return t.hashes;
    }),
  );
}
