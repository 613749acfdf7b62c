// Content-addressed file storage outside the database: <dir>/<first two hex digits>/<sha256>.
// Writes are atomic (temporary file + rename), so a crash never leaves a half-written file under a
// hash, and the same bytes are stored once however many times they are uploaded.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface BlobStore {
  /** Stores the bytes and returns their lower-case hex SHA-256. */
  put(bytes: Uint8Array): Promise<string>;
  /** The stored bytes, or undefined if no file has this hash. */
  get(sha256: string): Promise<Buffer | undefined>;
  /** Deletes the file (erasure); nothing happens if there is none. */
  remove(sha256: string): Promise<void>;
}

const HEX64 = /^[0-9a-f]{64}$/;

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function createFileBlobStore(dir: string): BlobStore {
  // The name is only ever a validated hash, so no path can leave the directory.
  const pathOf = (sha256: string) => {
    if (!HEX64.test(sha256)) throw new Error('not a SHA-256 hex digest');
    return join(dir, sha256.slice(0, 2), sha256);
  };
  return {
    async put(bytes) {
      const sha256 = sha256Hex(bytes);
      const target = pathOf(sha256);
      const exists = await stat(target).then(
        (s) => s.size === bytes.length,
        () => false,
      );
      if (exists) return sha256;
      await mkdir(join(dir, sha256.slice(0, 2)), { recursive: true });
      const tmp = join(dir, sha256.slice(0, 2), `.tmp-${randomBytes(8).toString('hex')}`);
      try {
        await writeFile(tmp, bytes, { mode: 0o600, flag: 'wx', flush: true });
        await rename(tmp, target);
      } catch (err) {
        await rm(tmp, { force: true });
        throw err;
      }
      return sha256;
    },
    async get(sha256) {
      if (!HEX64.test(sha256)) return undefined;
      try {
        return await readFile(pathOf(sha256));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw err;
      }
    },
    async remove(sha256) {
      await rm(pathOf(sha256), { force: true });
    },
  };
}
