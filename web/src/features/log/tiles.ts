// Where an entry of the public log is served and how its bundle is read (C2SP tlog-tiles, as in
// src/core/merkle/tiles.ts): entry bundles of 256 entries, the rightmost one partial, each entry a
// big-endian uint16 length and its bytes.
export const TILE_WIDTH = 256;

/** N as zero-padded three-digit groups, all but the last prefixed with x: 1234067 -> x001/x234/067. */
export function encodeTileIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < 0) throw new RangeError('bad tile index');
  let digits = String(index);
  digits = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups: string[] = [];
  for (let i = 0; i < digits.length; i += 3) groups.push(digits.slice(i, i + 3));
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** The path of the entry bundle holding leaf `index` in a tree of `size` leaves, and the entry's place in it. */
export function entryBundleFor(index: number, size: number): { path: string; offset: number } {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) throw new RangeError('index outside the tree');
  const tile = Math.floor(index / TILE_WIDTH);
  const width = tile < Math.floor(size / TILE_WIDTH) ? TILE_WIDTH : size % TILE_WIDTH;
  return { path: `/log/tile/entries/${encodeTileIndex(tile)}${width === TILE_WIDTH ? '' : `.p/${width}`}`, offset: index % TILE_WIDTH };
}

export function decodeEntryBundle(data: Uint8Array): Uint8Array[] {
  const entries: Uint8Array[] = [];
  let pos = 0;
  while (pos < data.length) {
    if (entries.length === TILE_WIDTH || pos + 2 > data.length) throw new RangeError('not an entry bundle');
    const length = (data[pos]! << 8) | data[pos + 1]!;
    pos += 2;
    if (pos + length > data.length) throw new RangeError('truncated entry');
    entries.push(data.slice(pos, pos + length));
    pos += length;
  }
  return entries;
}
