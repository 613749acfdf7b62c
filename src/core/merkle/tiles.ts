// C2SP tlog-tiles: tile and entry-bundle paths, tile contents and entry
// bundle encoding. Tiles have height 8: a tile at level L holds up to 256
// consecutive hashes of tree level 8 * L.
import { concatBytes } from './bytes.js';
import { HASH_SIZE, nodeHash } from './hash.js';
import type { GetNode } from './tree.js';

export const TILE_HEIGHT = 8;
export const TILE_WIDTH = 256;
const MAX_TILE_LEVEL = 63;
const MAX_ENTRY_SIZE = 0xffff;

/** A tile: `width` is 1..256, 256 meaning a full tile. */
export interface TileRef {
  level: number;
  index: number;
  width: number;
}

/** A parsed path: tiles of hashes, or entry bundles (level 0). */
export interface ParsedTilePath extends TileRef {
  entries: boolean;
}

export class TilePathError extends Error {
  override readonly name = 'TilePathError';
}

function checkIndex(index: number): void {
  if (!Number.isSafeInteger(index) || index < 0) {
    throw new RangeError(`tile index must be a non-negative safe integer, got ${index}`);
  }
}

function checkWidth(width: number): void {
  if (!Number.isInteger(width) || width < 1 || width > TILE_WIDTH) {
    throw new RangeError(`tile width must be 1..${TILE_WIDTH}, got ${width}`);
  }
}

function checkLevel(level: number): void {
  if (!Number.isInteger(level) || level < 0 || level > MAX_TILE_LEVEL) {
    throw new RangeError(`tile level must be 0..${MAX_TILE_LEVEL}, got ${level}`);
  }
}

/** N as zero-padded three-digit groups, all but the last prefixed with x: 1234067 -> x001/x234/067. */
export function encodeTileIndex(index: number): string {
  checkIndex(index);
  let digits = String(index);
  digits = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

const suffix = (width: number): string => (width === TILE_WIDTH ? '' : `.p/${width}`);

/** `tile/<L>/<N>[.p/<W>]`, relative to the log prefix. */
export function tilePath(tile: TileRef): string {
  checkLevel(tile.level);
  checkWidth(tile.width);
  return `tile/${tile.level}/${encodeTileIndex(tile.index)}${suffix(tile.width)}`;
}

/** `tile/entries/<N>[.p/<W>]`, relative to the log prefix. */
export function entryBundlePath(index: number, width: number = TILE_WIDTH): string {
  checkWidth(width);
  return `tile/entries/${encodeTileIndex(index)}${suffix(width)}`;
}

/** Parses a tile or entry bundle path; only the canonical encoding is accepted. */
export function parseTilePath(path: string): ParsedTilePath {
  const parts = path.split('/');
  if (parts.length < 3 || parts[0] !== 'tile') throw new TilePathError(`not a tile path: ${path}`);
  const entries = parts[1] === 'entries';
  let level = 0;
  if (!entries) {
    if (!/^(0|[1-9][0-9]?)$/.test(parts[1]!) || Number(parts[1]) > MAX_TILE_LEVEL) {
      throw new TilePathError(`bad tile level in ${path}`);
    }
    level = Number(parts[1]);
  }
  let groups = parts.slice(2);
  let width = TILE_WIDTH;
  const penultimate = groups[groups.length - 2];
  if (penultimate?.endsWith('.p')) {
    const w = groups[groups.length - 1]!;
    if (!/^[1-9][0-9]{0,2}$/.test(w) || Number(w) >= TILE_WIDTH) throw new TilePathError(`bad width in ${path}`);
    width = Number(w);
    groups = [...groups.slice(0, -2), penultimate.slice(0, -2)];
  }
  const ok = groups.every((g, i) => (i < groups.length - 1 ? /^x[0-9]{3}$/ : /^[0-9]{3}$/).test(g));
  if (!ok) throw new TilePathError(`bad tile index in ${path}`);
  const encoded = groups.join('/');
  const index = Number(groups.map((g) => g.replace('x', '')).join(''));
  if (!Number.isSafeInteger(index) || encodeTileIndex(index) !== encoded) {
    throw new TilePathError(`non-canonical tile index in ${path}`);
  }
  return { level, index, width, entries };
}

/** How many hashes (0..256) tile (level, index) holds in a tree of `treeSize` leaves. */
export function tileWidth(level: number, index: number, treeSize: number): number {
  checkLevel(level);
  checkIndex(index);
  const hashes = Math.floor(treeSize / TILE_WIDTH ** level);
  return Math.max(0, Math.min(TILE_WIDTH, hashes - index * TILE_WIDTH));
}

/** The partial (rightmost, width 1..255) tiles of each level for a tree size. */
export function partialTiles(treeSize: number): TileRef[] {
  checkIndex(treeSize);
  const out: TileRef[] = [];
  for (let level = 0; TILE_WIDTH ** level <= treeSize; level++) {
    const hashes = Math.floor(treeSize / TILE_WIDTH ** level);
    const width = hashes % TILE_WIDTH;
    if (width > 0) out.push({ level, index: Math.floor(hashes / TILE_WIDTH), width });
  }
  return out;
}

/** The tile's contents: `width` concatenated hashes of tree level 8 * level. */
export function tileHashes(tile: TileRef, getNode: GetNode): Uint8Array {
  checkLevel(tile.level);
  checkIndex(tile.index);
  checkWidth(tile.width);
  const hashes: Uint8Array[] = [];
  for (let i = 0; i < tile.width; i++) {
    hashes.push(getNode(tile.level * TILE_HEIGHT, tile.index * TILE_WIDTH + i));
  }
  return concatBytes(...hashes);
}

/** Where the stored node (level, index) lives: which tile, and which subtree of it. */
export function tileNodeLocation(level: number, index: number): { tileLevel: number; tileIndex: number; subLevel: number; subIndex: number; minWidth: number } {
  checkIndex(index);
  const tileLevel = Math.floor(level / TILE_HEIGHT);
  checkLevel(tileLevel);
  const subLevel = level % TILE_HEIGHT;
  const span = 2 ** subLevel;
  const first = index * span;
  const offset = first % TILE_WIDTH;
  return { tileLevel, tileIndex: Math.floor(first / TILE_WIDTH), subLevel, subIndex: offset / span, minWidth: offset + span };
}

/** Hash of the full subtree of 2^subLevel tile hashes starting at subIndex * 2^subLevel. */
export function subtreeFromTile(tile: Uint8Array, subLevel: number, subIndex: number): Uint8Array {
  if (!Number.isInteger(subLevel) || subLevel < 0 || subLevel > TILE_HEIGHT) throw new RangeError('bad sub-level');
  const span = 2 ** subLevel;
  const start = subIndex * span;
  if (!Number.isInteger(start) || start < 0 || (start + span) * HASH_SIZE > tile.length) {
    throw new RangeError(`tile of ${tile.length / HASH_SIZE} hashes has no subtree ${subLevel}/${subIndex}`);
  }
  let row: Uint8Array[] = [];
  for (let i = start; i < start + span; i++) row.push(tile.slice(i * HASH_SIZE, (i + 1) * HASH_SIZE));
  while (row.length > 1) {
    const up: Uint8Array[] = [];
    for (let i = 0; i < row.length; i += 2) up.push(nodeHash(row[i]!, row[i + 1]!));
    row = up;
  }
  return row[0]!;
}

/**
 * A GetNode over stored tiles. `readTile` returns the contents of tile
 * (tileLevel, tileIndex) holding at least `minWidth` hashes.
 */
export function tileNodeReader(readTile: (tileLevel: number, tileIndex: number, minWidth: number) => Uint8Array): GetNode {
  return (level, index) => {
    const loc = tileNodeLocation(level, index);
    return subtreeFromTile(readTile(loc.tileLevel, loc.tileIndex, loc.minWidth), loc.subLevel, loc.subIndex);
  };
}

/** Entry bundle: each entry as a big-endian uint16 length and its bytes. */
export function encodeEntryBundle(entries: readonly Uint8Array[]): Uint8Array {
  if (entries.length > TILE_WIDTH) throw new RangeError(`an entry bundle holds at most ${TILE_WIDTH} entries`);
  const parts: Uint8Array[] = [];
  for (const e of entries) {
    if (e.length > MAX_ENTRY_SIZE) throw new RangeError(`entry of ${e.length} bytes exceeds ${MAX_ENTRY_SIZE}`);
    parts.push(new Uint8Array([e.length >> 8, e.length & 0xff]), e);
  }
  return concatBytes(...parts);
}

export function decodeEntryBundle(data: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let pos = 0;
  while (pos < data.length) {
    if (entries.length === TILE_WIDTH) throw new RangeError('entry bundle has more than 256 entries');
    if (pos + 2 > data.length) throw new RangeError('truncated entry length');
    const length = (data[pos]! << 8) | data[pos + 1]!;
    pos += 2;
    if (pos + length > data.length) throw new RangeError('truncated entry');
    entries.push(data.slice(pos, pos + length));
    pos += length;
  }
  return entries;
}
