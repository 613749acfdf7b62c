// Uploaded import files wait on disk under <dataDir>/imports until processed, then are deleted.
// They hold national IDs, so they are never written in clear: each file is AES-256-CTR encrypted
// under its own random key (kept, encrypted by the vault, with the import), and CTR lets a reader
// start at any byte offset, which is how an interrupted import resumes.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';

const KEY_BYTES = 32;
const IV_BYTES = 16;
const BLOCK = 16;
const ID = /^[0-9a-f-]{36}$/;

/** The client went away before the whole file arrived. */
export class UploadInterrupted extends Error {
  constructor() {
    super('the upload ended before the whole file arrived');
  }
}

export interface SpooledFile {
  bytes: number;
  /** SHA-256 of the file as uploaded (hex). */
  sha256: string;
  /** The file's key and IV; store it encrypted. */
  key: Buffer;
}

export interface ImportSpool {
  /**
   * A stable id of this spool directory (created on first use): imports record where their file
   * is, and only a runner with the same directory takes them up (API nodes need not share a disk).
   */
  readonly location: string;
  /**
   * Streams an upload into `<id>.part`, encrypted, computing its size and hash. `inspect` sees each
   * chunk in clear and may throw to refuse the file; over `limit` bytes it is refused with `tooLarge()`.
   * On any failure the partial file is removed and the error rethrown.
   */
  write(id: string, body: Readable, opts: { limit: number; tooLarge: () => Error; inspect?: (chunk: Buffer) => void }): Promise<SpooledFile>;
  /** Makes a written upload durable under its final name. */
  commit(id: string): Promise<void>;
  /** The file's bytes in clear from `offset` on (its key from `write`); of a committed or a written file. */
  read(id: string, key: Buffer, offset: number): AsyncIterable<Buffer>;
  exists(id: string): Promise<boolean>;
  remove(id: string): Promise<void>;
  /** Files on disk (committed and partial) with their age, for cleaning up after a crash. */
  list(): Promise<Array<{ id: string; partial: boolean; modifiedAt: Date }>>;
}

/** The counter block for byte `offset`: the IV as a 128-bit big-endian number plus the block index. */
function counterAt(iv: Buffer, block: number): Buffer {
  const n = (BigInt(`0x${iv.toString('hex')}`) + BigInt(block)) % (1n << 128n);
  return Buffer.from(n.toString(16).padStart(32, '0'), 'hex');
}

function locationOf(dir: string): string {
  const path = join(dir, 'location');
  try {
    writeFileSync(path, randomBytes(12).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as { code?: string }).code !== 'EEXIST') throw err;
  }
  return readFileSync(path, 'utf8').trim();
}

export function createImportSpool(dir: string): ImportSpool {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const location = locationOf(dir);
  const file = (id: string, partial = false) => {
    if (!ID.test(id)) throw new Error(`not an import id: ${id}`);
    return join(dir, `${id}.${partial ? 'part' : 'import'}`);
  };
  return {
    location,

    async write(id, body, opts) {
      const key = randomBytes(KEY_BYTES);
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-ctr', key, iv);
      const hash = createHash('sha256');
      const path = file(id, true);
      let bytes = 0;
      return new Promise<SpooledFile>((resolve, reject) => {
        const out = createWriteStream(path, { flags: 'wx', mode: 0o600 });
        let settled = false;
        const detach = () => {
          body.removeListener('data', onData);
          body.removeListener('end', onEnd);
          body.removeListener('error', fail);
          body.removeListener('close', onClose);
        };
        // The request is read to its end but not kept, rather than destroyed: the client then gets
        // the answer (413, 400) instead of a reset connection.
        function fail(err: unknown) {
          if (settled) return;
          settled = true;
          detach();
          body.resume();
          // The file is opened asynchronously: removing it before the stream has closed could run
          // before the open creates it, and leave a stray `.part` behind.
          const removeFile = () =>
            void rm(path, { force: true }).then(
              () => reject(err),
              () => reject(err),
            );
          if (out.closed) removeFile();
          else out.once('close', removeFile);
          out.destroy();
        }
        function onData(chunk: Buffer) {
          try {
            bytes += chunk.length;
            if (bytes > opts.limit) throw opts.tooLarge();
            hash.update(chunk);
            opts.inspect?.(chunk);
            if (!out.write(cipher.update(chunk))) {
              body.pause();
              out.once('drain', () => body.resume());
            }
          } catch (err) {
            fail(err);
          }
        }
        function onEnd() {
          if (settled) return;
          detach();
          out.end(cipher.final(), () => {
            if (settled) return;
            settled = true;
            resolve({ bytes, sha256: hash.digest('hex'), key: Buffer.concat([key, iv]) });
          });
        }
        function onClose() {
          fail(new UploadInterrupted());
        }
        out.once('error', fail);
        body.on('data', onData);
        body.once('end', onEnd);
        body.once('error', fail);
        body.once('close', onClose);
      });
    },

    async commit(id) {
      await rename(file(id, true), file(id));
    },

    async *read(id, key, offset) {
      const block = Math.floor(offset / BLOCK);
      let skip = offset - block * BLOCK;
      const decipher = createDecipheriv('aes-256-ctr', key.subarray(0, KEY_BYTES), counterAt(key.subarray(KEY_BYTES), block));
      let path = file(id);
      if (!(await stat(path).catch(() => undefined))) path = file(id, true);
      for await (const chunk of createReadStream(path, { start: block * BLOCK, highWaterMark: 64 * 1024 })) {
        let clear = decipher.update(chunk as Buffer);
        if (skip) {
          clear = clear.subarray(Math.min(skip, clear.length));
          skip = Math.max(0, skip - (chunk as Buffer).length);
        }
        if (clear.length) yield clear;
      }
    },

    async exists(id) {
      return (await stat(file(id)).catch(() => undefined)) !== undefined;
    },

    async remove(id) {
      await rm(file(id), { force: true });
      await rm(file(id, true), { force: true });
    },

    async list() {
      const out: Array<{ id: string; partial: boolean; modifiedAt: Date }> = [];
      for (const name of await readdir(dir)) {
        const m = /^([0-9a-f-]{36})\.(part|import)$/.exec(name);
        if (!m) continue;
        const s = await stat(join(dir, name)).catch(() => undefined);
        if (s) out.push({ id: m[1]!, partial: m[2] === 'part', modifiedAt: s.mtime });
      }
      return out;
    },
  };
}
