// RFC 9162 §2.1 tree head, inclusion proof and consistency proof generation
// against a source of stored node hashes (the "stored hash" model of
// tlog-tiles and Go's tlog package): any storage that can return the hash
// of a full subtree can serve every root and proof without holding the
// whole tree in memory.
import { emptyRoot, nodeHash } from './hash.js';

/**
 * Returns the hash of the full subtree of 2^level leaves starting at leaf
 * index * 2^level (level 0 is the leaf hashes). Callers only ask for
 * subtrees that are complete within the tree size they are working on.
 */
export type GetNode = (level: number, index: number) => Uint8Array;

/** Coordinates of a stored full-subtree hash. */
export interface NodeRef {
  level: number;
  index: number;
}

function assertSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
  }
}

/** Largest power of two strictly smaller than n (n >= 2): k < n <= 2k. */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) throw new RangeError(`splitPoint requires n >= 2, got ${n}`);
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The full subtrees that make up the leaf range [start, end), largest
 * first. The range must be aligned like every range the RFC recursion
 * produces: each chunk starts at a multiple of its own width.
 */
export function rangeNodes(start: number, end: number): NodeRef[] {
  assertSize('start', start);
  assertSize('end', end);
  if (start > end) throw new RangeError(`empty range [${start}, ${end})`);
  const out: NodeRef[] = [];
  let pos = start;
  while (pos < end) {
    let level = 0;
    let width = 1;
    while (width * 2 <= end - pos) {
      width *= 2;
      level++;
    }
    if (pos % width !== 0) {
      throw new RangeError(`range [${start}, ${end}) is not aligned to its subtrees`);
    }
    out.push({ level, index: pos / width });
    pos += width;
  }
  return out;
}

/** MTH(D[start:end]) for an aligned range, folded from stored subtrees. */
export function rangeHash(start: number, end: number, getNode: GetNode): Uint8Array {
  const nodes = rangeNodes(start, end);
  const last = nodes.pop();
  if (last === undefined) return emptyRoot();
  let hash = getNode(last.level, last.index);
  for (let i = nodes.length - 1; i >= 0; i--) {
    const n = nodes[i]!;
    hash = nodeHash(getNode(n.level, n.index), hash);
  }
  return hash;
}

/** The tree head MTH(D[0:size]). */
export function rootHash(size: number, getNode: GetNode): Uint8Array {
  assertSize('size', size);
  return rangeHash(0, size, getNode);
}

/**
 * PATH(index, D[0:size]) (RFC 9162 §2.1.3.1): sibling hashes from the leaf
 * up to the root.
 */
export function inclusionProof(index: number, size: number, getNode: GetNode): Uint8Array[] {
  assertSize('index', index);
  assertSize('size', size);
  if (index >= size) throw new RangeError(`leaf index ${index} is not below tree size ${size}`);
  const proof: Uint8Array[] = [];
  const path = (offset: number, n: number, m: number): void => {
    if (n === 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(offset, k, m);
      proof.push(rangeHash(offset + k, offset + n, getNode));
    } else {
      path(offset + k, n - k, m - k);
      proof.push(rangeHash(offset, offset + k, getNode));
    }
  };
  path(0, size, index);
  return proof;
}

/**
 * PROOF(m, D[0:n]) (RFC 9162 §2.1.4.1). Empty when m is 0 or m equals n.
 */
export function consistencyProof(m: number, n: number, getNode: GetNode): Uint8Array[] {
  assertSize('m', m);
  assertSize('n', n);
  if (m > n) throw new RangeError(`old size ${m} is larger than new size ${n}`);
  const proof: Uint8Array[] = [];
  if (m === 0 || m === n) return proof;
  const subproof = (offset: number, mm: number, nn: number, known: boolean): void => {
    if (mm === nn) {
      if (!known) proof.push(rangeHash(offset, offset + mm, getNode));
      return;
    }
    const k = splitPoint(nn);
    if (mm <= k) {
      subproof(offset, mm, k, known);
      proof.push(rangeHash(offset + k, offset + nn, getNode));
    } else {
      subproof(offset + k, mm - k, nn - k, false);
      proof.push(rangeHash(offset, offset + k, getNode));
    }
  };
  subproof(0, m, n, true);
  return proof;
}

/**
 * Runs a computation against a recording node source and returns the
 * distinct nodes it reads, in first-use order. Lets a caller backed by
 * asynchronous storage fetch exactly those nodes, then run the computation
 * again against the fetched set:
 *
 *   const refs = nodesRead((g) => inclusionProof(i, size, g));
 */
export function nodesRead(run: (getNode: GetNode) => unknown): NodeRef[] {
  const seen = new Set<string>();
  const refs: NodeRef[] = [];
  const placeholder = new Uint8Array(32);
  run((level, index) => {
    const key = `${level}/${index}`;
    if (!seen.has(key)) {
      seen.add(key);
      refs.push({ level, index });
    }
    return placeholder;
  });
  return refs;
}
