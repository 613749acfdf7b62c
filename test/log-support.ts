// An independent reader of the log over plain HTTP GETs, for the log tests: it trusts nothing but
// /log/key, and checks the checkpoint signature, the root from the tiles, every entry against its
// leaf hash and the inclusion proofs the API serves.
import { expect } from 'vitest';
import {
  HASH_SIZE,
  TILE_WIDTH,
  decodeEntryBundle,
  entryBundlePath,
  fromBase64,
  leafHash,
  nodesRead,
  noteVerifierFromKey,
  parseCheckpoint,
  rootHash,
  tileNodeLocation,
  tileNodeReader,
  tilePath,
  tileWidth,
  toHex,
  verifyInclusion,
  verifyNote,
  type Checkpoint,
} from '../src/core/merkle/index.js';

export type Get = (path: string) => Promise<{ status: number; body: Uint8Array; type: string }>;

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

export async function readCheckpoint(get: Get): Promise<Checkpoint & { note: string }> {
  const key = await get('/log/key');
  expect(key.status).toBe(200);
  const res = await get('/log/checkpoint');
  expect(res.status).toBe(200);
  expect(res.type).toMatch(/^text\/plain/);
  const note = text(res.body);
  const opened = verifyNote(note, [noteVerifierFromKey(text(key.body))]);
  if (!opened.ok) throw new Error(`checkpoint does not verify: ${opened.reason}`);
  return { ...parseCheckpoint(opened.text), note };
}

export async function fetchTile(get: Get, level: number, index: number, size: number): Promise<Uint8Array> {
  const width = tileWidth(level, index, size);
  const res = await get(`/log/${tilePath({ level, index, width })}`);
  expect(res.status, `tile ${level}/${index}.p/${width}`).toBe(200);
  expect(res.type).toBe('application/octet-stream');
  expect(res.body.length).toBe(width * HASH_SIZE);
  return res.body;
}

/** MTH of the tree of `size` leaves computed from tiles fetched over HTTP. */
export async function rootFromTiles(get: Get, size: number): Promise<Uint8Array> {
  const run = (g: Parameters<typeof rootHash>[1]) => rootHash(size, g);
  const tiles = new Map<string, Uint8Array>();
  for (const ref of nodesRead(run)) {
    const loc = tileNodeLocation(ref.level, ref.index);
    const key = `${loc.tileLevel}/${loc.tileIndex}`;
    if (!tiles.has(key)) tiles.set(key, await fetchTile(get, loc.tileLevel, loc.tileIndex, size));
  }
  return run(tileNodeReader((l, i) => tiles.get(`${l}/${i}`)!));
}

export interface LogAudit {
  size: number;
  root: Uint8Array;
  /** Leaf hashes from the level-0 tiles, by index. */
  leafHashes: Uint8Array[];
  /** Entries (from the bundles) whose hash is not the tile's leaf hash. */
  mismatched: number[];
}

/** Checks the whole log as a mirror would; `proofIndices` picks which inclusion proofs to request. */
export async function auditLog(get: Get, proofIndices: (size: number) => number[] = (n) => [...Array(n).keys()]): Promise<LogAudit> {
  const cp = await readCheckpoint(get);
  const size = cp.size;
  expect(toHex(await rootFromTiles(get, size))).toBe(toHex(cp.rootHash));
  const leafHashes: Uint8Array[] = [];
  const mismatched: number[] = [];
  for (let n = 0; n * TILE_WIDTH < size; n++) {
    const tile = await fetchTile(get, 0, n, size);
    const width = tileWidth(0, n, size);
    const bundle = await get(`/log/${entryBundlePath(n, width)}`);
    expect(bundle.status).toBe(200);
    const entries = decodeEntryBundle(bundle.body);
    expect(entries).toHaveLength(width);
    entries.forEach((e, j) => {
      const h = tile.slice(j * HASH_SIZE, (j + 1) * HASH_SIZE);
      leafHashes.push(h);
      if (toHex(leafHash(e)) !== toHex(h)) mismatched.push(n * TILE_WIDTH + j);
    });
  }
  for (const i of proofIndices(size)) {
    const res = await get(`/api/v1/log/inclusion?index=${i}&size=${size}`);
    expect(res.status).toBe(200);
    const body = JSON.parse(text(res.body)) as { leafHash: string; proof: string[]; checkpoint?: string };
    const leaf = fromBase64(body.leafHash)!;
    expect(toHex(leaf)).toBe(toHex(leafHashes[i]!));
    expect(
      verifyInclusion(
        leaf,
        i,
        size,
        body.proof.map((p) => fromBase64(p)!),
        cp.rootHash,
      ),
      `inclusion of ${i} in ${size}`,
    ).toBe(true);
    expect(body.checkpoint).toBe(cp.note);
  }
  return { size, root: cp.rootHash, leafHashes, mismatched };
}
