import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.js';
import { HASH_SIZE, emptyRoot, leafHash, nodeHash } from './hash.js';

// Expected values from transparency-dev/merkle testonly/constants.go
// (LeafInputs, NodeHashes, EmptyRootHash).
describe('RFC 9162 hashing', () => {
  it('empty root is SHA-256 of the empty string', () => {
    expect(toHex(emptyRoot())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('leaf hash prefixes 0x00', () => {
    expect(toHex(leafHash(new Uint8Array()))).toBe('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    expect(toHex(leafHash(fromHex('00')))).toBe('96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7');
    expect(toHex(leafHash(fromHex('606162636465666768696a6b6c6d6e6f')))).toBe('46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1');
  });

  it('node hash prefixes 0x01', () => {
    const l = fromHex('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    const r = fromHex('96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7');
    expect(toHex(nodeHash(l, r))).toBe('fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125');
  });

  it('returns plain 32-byte Uint8Arrays', () => {
    const h = leafHash(new Uint8Array([1, 2, 3]));
    expect(h.length).toBe(HASH_SIZE);
    expect(Object.getPrototypeOf(h)).toBe(Uint8Array.prototype);
  });
});
