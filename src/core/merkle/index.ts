// Pure transparency-log core: RFC 9162 Merkle trees and the C2SP
// signed-note, tlog-checkpoint, tlog-tiles and tlog-cosignature formats.
export { fromBase64, fromHex, toBase64, toHex } from './bytes.js';
export { HASH_SIZE, emptyRoot, leafHash, nodeHash } from './hash.js';
export {
  consistencyProof,
  inclusionProof,
  nodesRead,
  rangeHash,
  rangeNodes,
  rootHash,
  splitPoint,
  type GetNode,
  type NodeRef,
} from './tree.js';
export { verifyConsistency, verifyInclusion } from './verify.js';
export { MemoryTree } from './memory-tree.js';
export {
  SIG_TYPE_ED25519,
  ed25519NoteSigner,
  ed25519NoteVerifier,
  ed25519PrivateKeyFromSeed,
  ed25519PublicKeyBytes,
  ed25519PublicKeyFromBytes,
  formatEd25519VerifierKey,
  formatSignerKey,
  formatVerifierKey,
  generateNoteKey,
  isValidKeyName,
  noteKeyId,
  noteSignerFromKey,
  noteVerifierFromKey,
  parseSignerKey,
  parseVerifierKey,
  type NoteSigner,
  type NoteVerifier,
  type ParsedSignerKey,
  type VerifierKey,
} from './note-keys.js';
export {
  MAX_NOTE_SIGNATURES,
  NoteFormatError,
  formatNote,
  formatSignatureLine,
  parseNote,
  signNote,
  verifyNote,
  type Note,
  type NoteSignature,
  type VerifyNoteResult,
} from './note.js';
export {
  CheckpointFormatError,
  formatCheckpoint,
  parseCheckpoint,
  type Checkpoint,
  type CheckpointInput,
} from './checkpoint.js';
export {
  TILE_HEIGHT,
  TILE_WIDTH,
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
  type ParsedTilePath,
  type TileRef,
} from './tiles.js';
export {
  COSIGNATURE_SIZE,
  SIG_TYPE_COSIGNATURE_V1,
  cosignatureKeyId,
  cosignatureSigner,
  cosignatureTimestamp,
  cosignatureVerifier,
  cosignatureVerifierFromKey,
  cosignedMessage,
  formatCosignatureVerifierKey,
  signCosignature,
  verifyCosignature,
} from './cosignature.js';
