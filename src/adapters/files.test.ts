import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileBlobStore, sha256Hex } from './files.js';

describe('file blob store', () => {
  const dirs: string[] = [];
  const store = () => {
    const dir = mkdtempSync(join(tmpdir(), 'khwamdee-files-'));
    dirs.push(dir);
    return { dir, files: createFileBlobStore(join(dir, 'evidence')) };
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('stores bytes under their SHA-256, once, with nothing temporary left behind', async () => {
    const { dir, files } = store();
    const bytes = Buffer.from('evidence bytes');
    const hash = await files.put(bytes);
    expect(hash).toBe(sha256Hex(bytes));
    expect(hash).toBe(await files.put(Buffer.from('evidence bytes')));
    expect(readdirSync(join(dir, 'evidence', hash.slice(0, 2)))).toEqual([hash]);
    expect((await files.get(hash))?.equals(bytes)).toBe(true);
  });

  it('answers unknown and malformed hashes with nothing, never a path outside its directory', async () => {
    const { files } = store();
    expect(await files.get('0'.repeat(64))).toBeUndefined();
    expect(await files.get('../../etc/passwd')).toBeUndefined();
    expect(await files.get('A'.repeat(64))).toBeUndefined();
  });

  it('writes the same bytes from two callers at once as one file', async () => {
    const { dir, files } = store();
    const bytes = Buffer.alloc(100_000, 7);
    const [a, b] = await Promise.all([files.put(bytes), files.put(bytes)]);
    expect(a).toBe(b);
    expect(readdirSync(join(dir, 'evidence', a.slice(0, 2)))).toEqual([a]);
  });
});
