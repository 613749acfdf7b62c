// Read side of the transparency log: checkpoints, tiles, entry bundles and proofs, all from the
// database so that every process serving the same database serves the same log.
import type { Kysely } from 'kysely';
import type { IdentifierVault } from '../adapters/crypto.js';
import { AppError } from '../core/errors.js';
import { HASH_SIZE, TILE_WIDTH, consistencyProof, encodeEntryBundle, inclusionProof, tileWidth, toBase64 } from '../core/merkle/index.js';
import { logTreeRepo, type StoredCheckpoint } from '../store/repos/log.js';
import type { Database } from '../store/schema.js';
import { renderEntries } from './entries.js';
import { tileRowCache, withStoredNodes } from './stored-nodes.js';

export interface InclusionAnswer {
  index: number;
  size: number;
  /** base64 RFC 9162 leaf hash, as stored in the level-0 tile. */
  leafHash: string;
  proof: string[];
  /** The signed checkpoint of exactly this size, when one was published. */
  checkpoint?: string;
}

export interface ConsistencyAnswer {
  from: number;
  to: number;
  proof: string[];
}

export interface LogService {
  readonly origin: string;
  readonly verifierKey: string;
  latestCheckpoint(): Promise<StoredCheckpoint | undefined>;
  /** Tile contents of `width` hashes; undefined when the latest checkpoint does not cover them. */
  tile(level: number, index: number, width: number): Promise<Uint8Array | undefined>;
  entryBundle(index: number, width: number): Promise<Uint8Array | undefined>;
  /** Inclusion of leaf `index` in the tree of `size` leaves (default: the latest checkpoint). */
  inclusion(index: number, size?: number): Promise<InclusionAnswer>;
  /**
   * Inclusion proofs of many leaves against the latest checkpoint with one read of the tiles
   * (for lists of credits); leaves not yet integrated are left out.
   */
  inclusionMany(indices: readonly number[]): Promise<Map<number, InclusionAnswer>>;
  consistency(from: number, to?: number): Promise<ConsistencyAnswer>;
  /**
   * The entries at some leaf indices exactly as the entry bundles serve them (rendered from the
   * current rows), so a client can hash one and compare it with the leaf hash in the tree.
   */
  entriesOf(indices: readonly number[]): Promise<Map<number, string>>;
}

export function createLogService(deps: { db: Kysely<Database>; vault: IdentifierVault; origin: string; verifierKey: string }): LogService {
  const { db } = deps;
  const tileRows = tileRowCache();

  async function treeSize(requested: number | undefined): Promise<{ size: number; latest: StoredCheckpoint }> {
    const latest = await logTreeRepo.latestCheckpoint(db);
    const size = requested ?? latest?.size ?? 0;
    if (!latest || size > latest.size) throw new AppError('log_size_unknown', { size, latestSize: latest?.size ?? 0 });
    return { size, latest };
  }

  async function covered(level: number, index: number, width: number): Promise<boolean> {
    const latest = await logTreeRepo.latestCheckpoint(db);
    return latest !== undefined && tileWidth(level, index, latest.size) >= width;
  }

  return {
    origin: deps.origin,
    verifierKey: deps.verifierKey,
    latestCheckpoint: () => logTreeRepo.latestCheckpoint(db),

    async tile(level, index, width) {
      if (!(await covered(level, index, width))) return undefined;
      const [t] = await logTreeRepo.readTiles(db, [{ level, idx: index }]);
      if (!t || t.width < width) throw new Error(`stored tile ${level}/${index} is shorter than the checkpoint says`);
      // Tiles only grow, so the prefix is the tile as it was at this width.
      return t.hashes.subarray(0, width * HASH_SIZE);
    },

    async entryBundle(index, width) {
      if (!(await covered(0, index, width))) return undefined;
      const start = index * TILE_WIDTH;
      const rows = await logTreeRepo.bundleRows(db, start, start + width);
      if (rows.length !== width) throw new Error(`entries ${start}..${start + width - 1} are not all integrated`);
      return encodeEntryBundle(renderEntries(rows, deps.vault));
    },

    async inclusion(index, size) {
      const t = await treeSize(size);
      if (index >= t.size) throw new AppError('validation_failed', { issues: [{ path: 'querystring.index', message: `must be below the tree size ${t.size}` }] });
      const { leaf, proof } = await withStoredNodes(db, (getNode) => ({ leaf: getNode(0, index), proof: inclusionProof(index, t.size, getNode) }), tileRows);
      const checkpoint = t.size === t.latest.size ? t.latest.note : await logTreeRepo.checkpointNote(db, t.size);
      return { index, size: t.size, leafHash: toBase64(leaf), proof: proof.map(toBase64), ...(checkpoint === undefined ? {} : { checkpoint }) };
    },

    async inclusionMany(indices) {
      const out = new Map<number, InclusionAnswer>();
      const latest = await logTreeRepo.latestCheckpoint(db);
      if (!latest) return out;
      const wanted = [...new Set(indices)].filter((i) => Number.isSafeInteger(i) && i >= 0 && i < latest.size);
      const proofs = await withStoredNodes(db, (getNode) => wanted.map((i) => ({ i, leaf: getNode(0, i), proof: inclusionProof(i, latest.size, getNode) })), tileRows);
      for (const p of proofs) {
        out.set(p.i, { index: p.i, size: latest.size, leafHash: toBase64(p.leaf), proof: p.proof.map(toBase64), checkpoint: latest.note });
      }
      return out;
    },

    async entriesOf(indices) {
      const rows = await logTreeRepo.entryRows(
        db,
        [...new Set(indices)].filter((i) => Number.isSafeInteger(i) && i >= 0),
      );
      const entries = renderEntries(rows, deps.vault);
      const decoder = new TextDecoder();
      return new Map(rows.map((r, i) => [Number(r.leaf_index), decoder.decode(entries[i])]));
    },

    async consistency(from, to) {
      const t = await treeSize(to);
      if (from > t.size) throw new AppError('validation_failed', { issues: [{ path: 'querystring.from', message: `must not exceed to (${t.size})` }] });
      const proof = await withStoredNodes(db, (getNode) => consistencyProof(from, t.size, getNode), tileRows);
      return { from, to: t.size, proof: proof.map(toBase64) };
    },
  };
}
