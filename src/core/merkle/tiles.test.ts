import { describe, expect, it } from 'vitest';
import { toHex, utf8 } from './bytes.js';
import { leafHash } from './hash.js';
import { MemoryTree } from './memory-tree.js';
import { prng, randomBytes } from './testdata.js';
import {
  TilePathError,
  decodeEntryBundle,
  encodeEntryBundle,
  encodeTileIndex,
  entryBundlePath,
  parseTilePath,
  partialTiles,
  subtreeFromTile,
  tileHashes,
  tileNodeLocation,
  tileNodeReader,
  tilePath,
  tileWidth,
} from './tiles.js';
import { consistencyProof, inclusionProof, rootHash } from './tree.js';

describe('tile paths', () => {
  it('encodes N in three-digit groups (spec: 1234067 -> x001/x234/067)', () => {
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(5)).toBe('005');
    expect(encodeTileIndex(999)).toBe('999');
    expect(encodeTileIndex(1000)).toBe('x001/000');
    expect(encodeTileIndex(1000000)).toBe('x001/x000/000');
    expect(() => encodeTileIndex(-1)).toThrow(RangeError);
  });

  it('formats tile and entry bundle paths', () => {
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 2, index: 1234067, width: 8 })).toBe('tile/2/x001/x234/067.p/8');
    expect(tilePath({ level: 1, index: 0, width: 17 })).toBe('tile/1/000.p/17');
    expect(entryBundlePath(1234067)).toBe('tile/entries/x001/x234/067');
    expect(entryBundlePath(273, 112)).toBe('tile/entries/273.p/112');
    expect(() => tilePath({ level: 64, index: 0, width: 256 })).toThrow(RangeError);
    expect(() => tilePath({ level: 0, index: 0, width: 0 })).toThrow(RangeError);
    expect(() => tilePath({ level: 0, index: 0, width: 257 })).toThrow(RangeError);
  });

  it('parses paths back', () => {
    expect(parseTilePath('tile/0/x001/x234/067')).toEqual({ level: 0, index: 1234067, width: 256, entries: false });
    expect(parseTilePath('tile/63/x001/x234/067.p/255')).toEqual({
      level: 63,
      index: 1234067,
      width: 255,
      entries: false,
    });
    expect(parseTilePath('tile/entries/273.p/112')).toEqual({ level: 0, index: 273, width: 112, entries: true });
    expect(parseTilePath('tile/entries/x001/000')).toEqual({ level: 0, index: 1000, width: 256, entries: true });
    const next = prng(7);
    for (let i = 0; i < 200; i++) {
      const t = { level: Math.floor(next() * 64), index: Math.floor(next() ** 4 * 1e12), width: 1 + Math.floor(next() * 256) };
      expect(parseTilePath(tilePath(t))).toEqual({ ...t, entries: false });
    }
  });

  it('rejects non-canonical and malformed paths', () => {
    for (const p of [
      'tile/0/x000/001', // leading zero group
      'tile/0/1',
      'tile/0/0001',
      'tile/0/x001/x234',
      'tile/0/001/234',
      'tile/00/000',
      'tile/64/000',
      'tile/0/000.p/0',
      'tile/0/000.p/256',
      'tile/0/000.p/010',
      'tile/0/000.p',
      'tile/0/000/',
      '/tile/0/000',
      'tiles/0/000',
      'tile/entries/x1/000',
      'tile/0/x001.p/5/000',
    ]) {
      expect(() => parseTilePath(p), p).toThrow(TilePathError);
    }
  });
});

describe('tile widths', () => {
  it('tree of size 70,000 (tlog-tiles example)', () => {
    for (let n = 0; n < 273; n++) expect(tileWidth(0, n, 70000)).toBe(256);
    expect(tileWidth(0, 273, 70000)).toBe(112);
    expect(tileWidth(0, 274, 70000)).toBe(0);
    expect(tileWidth(1, 0, 70000)).toBe(256);
    expect(tileWidth(1, 1, 70000)).toBe(17);
    expect(tileWidth(2, 0, 70000)).toBe(1);
    expect(tileWidth(3, 0, 70000)).toBe(0);
    expect(partialTiles(70000)).toEqual([
      { level: 0, index: 273, width: 112 },
      { level: 1, index: 1, width: 17 },
      { level: 2, index: 0, width: 1 },
    ]);
  });

  it('tree of size 256: a full level 0 tile and a partial level 1 tile of width 1', () => {
    expect(tileWidth(0, 0, 256)).toBe(256);
    expect(partialTiles(256)).toEqual([{ level: 1, index: 0, width: 1 }]);
    expect(partialTiles(0)).toEqual([]);
  });
});

describe('tile contents', () => {
  const SIZE = 70000;
  const tree = new MemoryTree();
  for (let i = 0; i < SIZE; i++) tree.append(leafHash(utf8(`entry ${i}`)));

  // Tiles as a tile-based store would hold them for tree size SIZE.
  const readTile = (level: number, index: number, minWidth: number): Uint8Array => {
    const width = tileWidth(level, index, SIZE);
    if (width < minWidth) throw new Error(`tile ${level}/${index} has ${width} < ${minWidth} hashes`);
    return tileHashes({ level, index, width }, tree.getNode);
  };
  const fromTiles = tileNodeReader(readTile);

  it('a level 0 tile is 256 leaf hashes; a level 1 tile holds level 8 hashes', () => {
    const t0 = tileHashes({ level: 0, index: 3, width: 256 }, tree.getNode);
    expect(t0.length).toBe(8192);
    expect(toHex(t0.slice(0, 32))).toBe(toHex(tree.node(0, 768)));
    const t1 = tileHashes({ level: 1, index: 1, width: 17 }, tree.getNode);
    expect(t1.length).toBe(17 * 32);
    expect(toHex(t1.slice(16 * 32))).toBe(toHex(tree.node(8, 272)));
    // The level 1 hash is the root of the full level 0 tile below it.
    expect(toHex(subtreeFromTile(t0, 8, 0))).toBe(toHex(tree.node(8, 3)));
  });

  it('locates stored nodes in tiles', () => {
    expect(tileNodeLocation(0, 1000)).toEqual({ tileLevel: 0, tileIndex: 3, subLevel: 0, subIndex: 232, minWidth: 233 });
    expect(tileNodeLocation(3, 40)).toEqual({ tileLevel: 0, tileIndex: 1, subLevel: 3, subIndex: 8, minWidth: 72 });
    expect(tileNodeLocation(9, 3)).toEqual({ tileLevel: 1, tileIndex: 0, subLevel: 1, subIndex: 3, minWidth: 8 });
  });

  it('serves every stored node, root and proof from tiles alone', () => {
    const next = prng(99);
    for (let level = 0; level <= 16; level++) {
      const count = Math.floor(SIZE / 2 ** level);
      for (let k = 0; k < 20 && count > 0; k++) {
        const index = Math.floor(next() * count);
        expect(toHex(fromTiles(level, index)), `${level}/${index}`).toBe(toHex(tree.node(level, index)));
      }
    }
    for (const size of [1, 255, 256, 257, 1000, 65535, 65536, SIZE]) {
      expect(toHex(rootHash(size, fromTiles))).toBe(toHex(tree.rootHash(size)));
      const i = Math.floor(next() * size);
      expect(inclusionProof(i, size, fromTiles).map(toHex)).toEqual(tree.inclusionProof(i, size).map(toHex));
      const m = 1 + Math.floor(next() * size);
      expect(consistencyProof(m, size, fromTiles).map(toHex)).toEqual(tree.consistencyProof(m, size).map(toHex));
    }
  });
});

describe('entry bundles', () => {
  it('encodes big-endian uint16 length-prefixed entries', () => {
    const bundle = encodeEntryBundle([utf8('ab'), new Uint8Array(), new Uint8Array(300).fill(7)]);
    expect(toHex(bundle.slice(0, 6))).toBe('000261620000');
    expect(toHex(bundle.slice(6, 8))).toBe('012c');
    expect(bundle.length).toBe(2 + 2 + 2 + 0 + 2 + 300);
    const back = decodeEntryBundle(bundle);
    expect(back.map(toHex)).toEqual([toHex(utf8('ab')), '', toHex(new Uint8Array(300).fill(7))]);
  });

  it('round trips random bundles and rejects bad ones', () => {
    const next = prng(1);
    const entries = Array.from({ length: 256 }, () => randomBytes(next, Math.floor(next() * 600)));
    expect(decodeEntryBundle(encodeEntryBundle(entries)).map(toHex)).toEqual(entries.map(toHex));
    expect(decodeEntryBundle(new Uint8Array())).toEqual([]);
    expect(() => encodeEntryBundle([...entries, new Uint8Array()])).toThrow(RangeError);
    expect(() => encodeEntryBundle([new Uint8Array(65536)])).toThrow(RangeError);
    expect(() => decodeEntryBundle(new Uint8Array([0]))).toThrow(RangeError);
    expect(() => decodeEntryBundle(new Uint8Array([0, 3, 1, 2]))).toThrow(RangeError);
    expect(() => decodeEntryBundle(new Uint8Array(257 * 2))).toThrow(RangeError);
    expect(encodeEntryBundle([new Uint8Array(65535)]).length).toBe(65537);
  });
});
