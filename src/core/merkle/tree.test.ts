import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from './bytes.js';
import { emptyRoot, leafHash, nodeHash } from './hash.js';
import { MemoryTree } from './memory-tree.js';
import { LEAF_INPUTS, NODE_HASHES, ROOT_HASHES, prng, randomBytes } from './testdata.js';
import { consistencyProof, inclusionProof, nodesRead, rangeNodes, rootHash, splitPoint, type GetNode, type NodeRef } from './tree.js';
import { verifyConsistency, verifyInclusion } from './verify.js';

const hexes = (hs: readonly Uint8Array[]): string[] => hs.map(toHex);

function treeOf(leaves: readonly Uint8Array[]): MemoryTree {
  const t = new MemoryTree();
  for (const d of leaves) t.append(leafHash(d));
  return t;
}

// ---------------------------------------------------------------------------
// Naive reference, transcribed from the RFC 9162 §2.1 definitions (MTH, PATH,
// PROOF/SUBPROOF) over a list of leaf hashes. Memoized on (start, end) only
// to keep the exhaustive checks fast; the recursion is the RFC's.
// ---------------------------------------------------------------------------
class Reference {
  private readonly memo = new Map<string, Uint8Array>();
  constructor(private readonly leaves: readonly Uint8Array[]) {}

  private k(n: number): number {
    let k = 1;
    while (k * 2 < n) k *= 2;
    return k;
  }

  mth(a: number, b: number): Uint8Array {
    if (b - a === 0) return emptyRoot();
    if (b - a === 1) return this.leaves[a]!;
    const key = `${a}:${b}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    const k = this.k(b - a);
    const h = nodeHash(this.mth(a, a + k), this.mth(a + k, b));
    this.memo.set(key, h);
    return h;
  }

  path(m: number, a: number, b: number): Uint8Array[] {
    const n = b - a;
    if (n === 1) return [];
    const k = this.k(n);
    return m < k ? [...this.path(m, a, a + k), this.mth(a + k, b)] : [...this.path(m - k, a + k, b), this.mth(a, a + k)];
  }

  proof(m: number, n: number): Uint8Array[] {
    if (m === 0 || m === n) return [];
    return this.subproof(m, 0, n, true);
  }

  private subproof(m: number, a: number, b: number, known: boolean): Uint8Array[] {
    const n = b - a;
    if (m === n) return known ? [] : [this.mth(a, b)];
    const k = this.k(n);
    return m <= k ? [...this.subproof(m, a, a + k, known), this.mth(a + k, b)] : [...this.subproof(m - k, a + k, b, false), this.mth(a, a + k)];
  }
}

function flipBit(proof: readonly Uint8Array[], element: number, bit: number): Uint8Array[] {
  return proof.map((h, i) => {
    if (i !== element) return h;
    const c = Uint8Array.from(h);
    c[Math.floor(bit / 8) % c.length]! ^= 1 << (bit % 8);
    return c;
  });
}

describe('reference test data (transparency-dev/merkle testonly)', () => {
  const tree = treeOf(LEAF_INPUTS);

  it('root hashes for sizes 0..8', () => {
    for (let size = 0; size <= 8; size++) {
      expect(toHex(tree.rootHash(size)), `size ${size}`).toBe(ROOT_HASHES[size]);
    }
  });

  it('stores every full subtree hash (NodeHashes)', () => {
    NODE_HASHES.forEach((row, level) => {
      row.forEach((hex, index) => {
        expect(toHex(tree.node(level, index)), `${level}/${index}`).toBe(hex);
      });
    });
    expect(() => tree.node(4, 0)).toThrow(RangeError);
    expect(() => tree.node(1, 4)).toThrow(RangeError);
  });

  // proof/verify_test.go (inclusionProofs, leaf given 1-based there) and
  // testonly/reference_test.go (TestRefInclusionProof).
  const inclusionVectors: { index: number; size: number; proof: string[] }[] = [
    { index: 0, size: 1, proof: [] },
    { index: 0, size: 2, proof: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7'] },
    { index: 1, size: 2, proof: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'] },
    { index: 2, size: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
    {
      index: 1,
      size: 5,
      proof: [
        '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      ],
    },
    {
      index: 0,
      size: 8,
      proof: [
        '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
      ],
    },
    {
      index: 5,
      size: 8,
      proof: [
        'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
        'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ],
    },
  ];

  it.each(inclusionVectors)('inclusion proof of leaf $index in tree of size $size', ({ index, size, proof }) => {
    expect(hexes(tree.inclusionProof(index, size))).toEqual(proof);
    const leaf = leafHash(LEAF_INPUTS[index]!);
    const root = fromHex(ROOT_HASHES[size]!);
    const p = proof.map(fromHex);
    expect(verifyInclusion(leaf, index, size, p, root)).toBe(true);
    // Corruptions modelled on verify_test.go corruptInclusionProof.
    expect(verifyInclusion(leaf, index + 1, size, p, root)).toBe(false);
    if (index > 0) expect(verifyInclusion(leaf, index - 1, size, p, root)).toBe(false);
    expect(verifyInclusion(leaf, index, size * 2, p, root)).toBe(false);
    expect(verifyInclusion(leaf, index, Math.floor(size / 2), p, root)).toBe(false);
    expect(verifyInclusion(leafHash(new Uint8Array([1])), index, size, p, root)).toBe(false);
    expect(verifyInclusion(leaf, index, size, p, emptyRoot())).toBe(false);
    expect(verifyInclusion(leaf, index, size, [...p, root], root)).toBe(false);
    expect(verifyInclusion(leaf, index, size, [root, ...p], root)).toBe(false);
    for (let i = 0; i < p.length; i++) {
      expect(verifyInclusion(leaf, index, size, flipBit(p, i, 3), root)).toBe(false);
    }
    if (p.length > 0) expect(verifyInclusion(leaf, index, size, p.slice(0, -1), root)).toBe(false);
  });

  // proof/verify_test.go (consistencyProofs) and reference_test.go.
  const consistencyVectors: { m: number; n: number; proof: string[] }[] = [
    { m: 1, n: 1, proof: [] },
    {
      m: 1,
      n: 8,
      proof: [
        '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
        '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
        '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
      ],
    },
    {
      m: 6,
      n: 8,
      proof: [
        '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
        'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ],
    },
    {
      m: 2,
      n: 5,
      proof: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
    },
    {
      m: 6,
      n: 7,
      proof: [
        '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
        'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
        'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
      ],
    },
  ];

  it.each(consistencyVectors)('consistency proof $m -> $n', ({ m, n, proof }) => {
    expect(hexes(tree.consistencyProof(m, n))).toEqual(proof);
    const r1 = fromHex(ROOT_HASHES[m]!);
    const r2 = fromHex(ROOT_HASHES[n]!);
    const p = proof.map(fromHex);
    expect(verifyConsistency(m, n, p, r1, r2)).toBe(true);
    if (p.length === 0) return;
    // Corruptions modelled on verify_test.go corruptConsistencyProof.
    expect(verifyConsistency(m - 1, n, p, r1, r2)).toBe(false);
    expect(verifyConsistency(m + 1, n, p, r1, r2)).toBe(false);
    expect(verifyConsistency(m ^ 2, n, p, r1, r2)).toBe(false);
    expect(verifyConsistency(m, n * 2, p, r1, r2)).toBe(false);
    expect(verifyConsistency(m, Math.floor(n / 2), p, r1, r2)).toBe(false);
    expect(verifyConsistency(m, n, p, r2, r1)).toBe(false);
    expect(verifyConsistency(m, n, [], r1, r2)).toBe(false);
    expect(verifyConsistency(m, n, [...p, r1], r1, r2)).toBe(false);
    expect(verifyConsistency(m, n, [...p, r2], r1, r2)).toBe(false);
    expect(verifyConsistency(m, n, [r1, ...p], r1, r2)).toBe(false);
    expect(verifyConsistency(m, n, [r2, ...p], r1, r2)).toBe(false);
    expect(verifyConsistency(m, n, [p[0]!, ...p], r1, r2)).toBe(false);
    expect(verifyConsistency(m, n, p.slice(0, -1), r1, r2)).toBe(false);
    for (let i = 0; i < p.length; i++) {
      expect(verifyConsistency(m, n, flipBit(p, i, 4), r1, r2)).toBe(false);
    }
  });
});

describe('RFC 9162 §2.1.5 example tree of 7 leaves (d0..d6 = reference leaf inputs)', () => {
  //             hash
  //            /    \
  //           k      l
  //          / \    / \
  //         g   h  i   j
  //        / \ / \ / \  |
  //        a b c d e f  d6
  const tree = treeOf(LEAF_INPUTS.slice(0, 7));
  const N = (hex: string): Uint8Array => fromHex(hex);
  const [a, b, c, d, e, f] = NODE_HASHES[0]!.slice(0, 6).map(N) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  const j = N(NODE_HASHES[0]![6]!); // leaf hash of d6
  const [g, h, i] = NODE_HASHES[1]!.slice(0, 3).map(N) as [Uint8Array, Uint8Array, Uint8Array];
  const k = N(NODE_HASHES[2]![0]!);
  const l = nodeHash(i, j);

  it('has the named nodes and the reference root', () => {
    expect(toHex(nodeHash(a, b))).toBe(toHex(g));
    expect(toHex(nodeHash(c, d))).toBe(toHex(h));
    expect(toHex(nodeHash(e, f))).toBe(toHex(i));
    expect(toHex(nodeHash(g, h))).toBe(toHex(k));
    expect(toHex(tree.rootHash())).toBe(ROOT_HASHES[7]);
    expect(toHex(nodeHash(k, l))).toBe(ROOT_HASHES[7]);
  });

  it('inclusion proofs: d0 [b, h, l], d3 [c, g, l], d4 [f, j, k], d6 [i, k]', () => {
    expect(hexes(tree.inclusionProof(0))).toEqual(hexes([b, h, l]));
    expect(hexes(tree.inclusionProof(3))).toEqual(hexes([c, g, l]));
    expect(hexes(tree.inclusionProof(4))).toEqual(hexes([f, j, k]));
    expect(hexes(tree.inclusionProof(6))).toEqual(hexes([i, k]));
  });

  it('consistency proofs: 3->7 [c, d, g, l], 4->7 [l], 6->7 [i, j, k]', () => {
    expect(hexes(tree.consistencyProof(3))).toEqual(hexes([c, d, g, l]));
    expect(hexes(tree.consistencyProof(4))).toEqual(hexes([l]));
    expect(hexes(tree.consistencyProof(6))).toEqual(hexes([i, j, k]));
    // hash0 = H(g, c), hash1 = k, hash2 = H(k, i)
    expect(toHex(tree.rootHash(3))).toBe(toHex(nodeHash(g, c)));
    expect(toHex(tree.rootHash(4))).toBe(toHex(k));
    expect(toHex(tree.rootHash(6))).toBe(toHex(nodeHash(k, i)));
    for (const m of [3, 4, 6]) {
      expect(verifyConsistency(m, 7, tree.consistencyProof(m), tree.rootHash(m), tree.rootHash(7))).toBe(true);
    }
  });
});

describe('randomized comparison with the RFC definitions (seeded)', () => {
  const MAX = 300;
  const next = prng(0x6b68_7761);
  const leaves = Array.from({ length: MAX }, () => leafHash(randomBytes(next, Math.floor(next() * 40))));
  const tree = new MemoryTree();
  for (const h of leaves) tree.append(h);
  const ref = new Reference(leaves);

  it('root hash for every size 0..300', () => {
    for (let n = 0; n <= MAX; n++) expect(toHex(tree.rootHash(n))).toBe(toHex(ref.mth(0, n)));
  });

  it('every inclusion proof for sizes 1..300 matches PATH and verifies; one flipped bit fails', () => {
    for (let n = 1; n <= MAX; n++) {
      const root = tree.rootHash(n);
      for (let m = 0; m < n; m++) {
        const proof = tree.inclusionProof(m, n);
        expect(hexes(proof)).toEqual(hexes(ref.path(m, 0, n)));
        expect(verifyInclusion(leaves[m]!, m, n, proof, root)).toBe(true);
        if (proof.length > 0) {
          const bad = flipBit(proof, Math.floor(next() * proof.length), Math.floor(next() * 256));
          expect(verifyInclusion(leaves[m]!, m, n, bad, root)).toBe(false);
        } else {
          const badLeaf = flipBit([leaves[m]!], 0, Math.floor(next() * 256))[0]!;
          expect(verifyInclusion(badLeaf, m, n, proof, root)).toBe(false);
        }
      }
    }
  });

  it('every consistency proof for sizes 1..300 matches PROOF and verifies; one flipped bit fails', () => {
    for (let n = 1; n <= MAX; n++) {
      const newRoot = tree.rootHash(n);
      for (let m = 0; m <= n; m++) {
        const oldRoot = tree.rootHash(m);
        const proof = tree.consistencyProof(m, n);
        expect(hexes(proof)).toEqual(hexes(ref.proof(m, n)));
        expect(verifyConsistency(m, n, proof, oldRoot, newRoot)).toBe(true);
        if (proof.length > 0) {
          const bad = flipBit(proof, Math.floor(next() * proof.length), Math.floor(next() * 256));
          expect(verifyConsistency(m, n, bad, oldRoot, newRoot)).toBe(false);
        }
      }
    }
  });
});

describe('tree functions over a node source', () => {
  it('splitPoint is the largest power of two below n', () => {
    expect([2, 3, 4, 5, 7, 8, 9, 63, 28937].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 4, 8, 32, 16384]);
    expect(() => splitPoint(1)).toThrow(RangeError);
  });

  it('rangeNodes decomposes aligned ranges into full subtrees', () => {
    expect(rangeNodes(0, 7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(rangeNodes(8, 13)).toEqual([
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    expect(rangeNodes(5, 5)).toEqual([]);
    expect(() => rangeNodes(2, 6)).toThrow(RangeError);
  });

  it('nodesRead lists exactly the stored nodes a proof needs', () => {
    const tree = treeOf(LEAF_INPUTS.concat(LEAF_INPUTS, LEAF_INPUTS));
    const refs = nodesRead((g) => consistencyProof(5, 21, g));
    const fetched = new Map(refs.map((r) => [`${r.level}/${r.index}`, tree.node(r.level, r.index)]));
    const onlyFetched: GetNode = (level, index) => {
      const h = fetched.get(`${level}/${index}`);
      if (!h) throw new Error(`not fetched: ${level}/${index}`);
      return h;
    };
    expect(hexes(consistencyProof(5, 21, onlyFetched))).toEqual(hexes(tree.consistencyProof(5, 21)));
    const incl = nodesRead((g) => inclusionProof(9, 21, g));
    expect(incl.every((r) => (r.index + 1) * 2 ** r.level <= 21)).toBe(true);
    const byLevel = (x: NodeRef, y: NodeRef): number => y.level - x.level;
    expect(nodesRead((g) => rootHash(21, g)).sort(byLevel)).toEqual([
      { level: 4, index: 0 },
      { level: 2, index: 4 },
      { level: 0, index: 20 },
    ]);
  });

  it('rejects out-of-range arguments', () => {
    const tree = treeOf(LEAF_INPUTS);
    expect(() => tree.inclusionProof(8, 8)).toThrow(RangeError);
    expect(() => tree.inclusionProof(0, 9)).toThrow(RangeError);
    expect(() => tree.consistencyProof(5, 4)).toThrow(RangeError);
    expect(() => inclusionProof(-1, 8, tree.getNode)).toThrow(RangeError);
    expect(() => rootHash(1.5, tree.getNode)).toThrow(RangeError);
    expect(() => tree.append(new Uint8Array(31))).toThrow(TypeError);
    expect(tree.consistencyProof(0, 8)).toEqual([]);
    expect(toHex(rootHash(0, tree.getNode))).toBe(ROOT_HASHES[0]);
  });
});

describe('verifier edge cases', () => {
  const r1 = leafHash(new Uint8Array([1]));
  const r2 = leafHash(new Uint8Array([2]));
  const e = emptyRoot();

  it('inclusion', () => {
    expect(verifyInclusion(r1, 0, 1, [], r1)).toBe(true);
    expect(verifyInclusion(r1, 0, 1, [], r2)).toBe(false);
    expect(verifyInclusion(r1, 0, 0, [], r1)).toBe(false);
    expect(verifyInclusion(r1, 1, 1, [], r1)).toBe(false);
    expect(verifyInclusion(r1, 0, 1, [], new Uint8Array())).toBe(false);
    expect(verifyInclusion(new Uint8Array(), 0, 1, [], r1)).toBe(false);
    expect(verifyInclusion(r1, 0, 2, [new Uint8Array(31)], r1)).toBe(false);
  });

  it('consistency (verify_test.go TestVerifyConsistency, with a strict empty-tree root)', () => {
    expect(verifyConsistency(0, 0, [], e, e)).toBe(true);
    expect(verifyConsistency(0, 0, [], r1, r2)).toBe(false);
    expect(verifyConsistency(1, 1, [], r1, r2)).toBe(false);
    expect(verifyConsistency(1, 1, [], r2, r2)).toBe(true);
    expect(verifyConsistency(0, 1, [], e, r2)).toBe(true);
    expect(verifyConsistency(0, 1, [], r1, r2)).toBe(false);
    expect(verifyConsistency(1, 0, [], r1, r2)).toBe(false);
    expect(verifyConsistency(2, 1, [], r1, r2)).toBe(false);
    expect(verifyConsistency(1, 2, [], r1, r2)).toBe(false);
    expect(verifyConsistency(0, 0, [e], e, e)).toBe(false);
    expect(verifyConsistency(0, 1, [e], e, e)).toBe(false);
    expect(verifyConsistency(1, 1, [e], e, e)).toBe(false);
  });
});
