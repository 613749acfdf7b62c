import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createImportSpool } from './import-spool.js';

const dir = mkdtempSync(join(tmpdir(), 'khwamdee-spool-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const spool = createImportSpool(join(dir, 'imports'));
const tooLarge = () => new Error('too large');
const id = (n: number) => `0190a0a0-0000-7000-8000-${String(n).padStart(12, '0')}`;

async function readAll(it: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const b of it) parts.push(b);
  return Buffer.concat(parts);
}

const text = Buffer.from(`ref,national_id\n${Array.from({ length: 3000 }, (_, i) => `R-${i},1101700230708,ศูนย์บริการโลหิต`).join('\n')}\n`);

describe('import spool', () => {
  it('keeps the file encrypted on disk and reads it back from any offset', async () => {
    const f = await spool.write(id(1), Readable.from([text.subarray(0, 1000), text.subarray(1000)]), { limit: 10_000_000, tooLarge });
    await spool.commit(id(1));
    expect(f.bytes).toBe(text.length);
    expect(f.sha256).toBe(createHash('sha256').update(text).digest('hex'));
    const onDisk = readFileSync(join(dir, 'imports', `${id(1)}.import`));
    expect(onDisk.length).toBe(text.length);
    expect(onDisk.includes(Buffer.from('1101700230708'))).toBe(false);
    for (const offset of [0, 1, 15, 16, 17, 4095, 65_536, 65_537, text.length - 1, text.length]) {
      expect((await readAll(spool.read(id(1), f.key, offset))).equals(text.subarray(offset))).toBe(true);
    }
    expect(await spool.exists(id(1))).toBe(true);
    expect((await spool.list()).map((e) => [e.id, e.partial])).toEqual([[id(1), false]]);
    await spool.remove(id(1));
    expect(await spool.exists(id(1))).toBe(false);
  });

  it('refuses a file over the limit and leaves nothing behind', async () => {
    await expect(spool.write(id(2), Readable.from([text, text]), { limit: text.length + 10, tooLarge })).rejects.toThrow('too large');
    expect(readdirSync(join(dir, 'imports')).filter((f) => f !== 'location')).toEqual([]);
  });

  it('stops when the inspection refuses a chunk, leaving nothing behind', async () => {
    const inspect = (chunk: Buffer) => {
      if (chunk.includes(0xff)) throw new Error('not UTF-8');
    };
    await expect(spool.write(id(3), Readable.from([text, Buffer.from([0xff])]), { limit: 10_000_000, tooLarge, inspect })).rejects.toThrow('not UTF-8');
    expect(readdirSync(join(dir, 'imports')).filter((f) => f !== 'location')).toEqual([]);
  });

  it('leaves nothing behind when the first chunk is refused before the file is even open', async () => {
    // The refusal comes synchronously with the first chunk, while the write stream is still opening
    // the file: the partial file must be removed after the open, not before it.
    for (let n = 10; n < 40; n++) {
      const refuse = () => {
        throw new Error('refused');
      };
      await expect(spool.write(id(n), Readable.from([Buffer.from('x')]), { limit: 10, tooLarge, inspect: refuse })).rejects.toThrow('refused');
    }
    expect(readdirSync(join(dir, 'imports')).filter((f) => f !== 'location')).toEqual([]);
  });

  it('keeps one location id per directory across restarts', () => {
    expect(createImportSpool(join(dir, 'imports')).location).toBe(spool.location);
    expect(createImportSpool(join(dir, 'elsewhere')).location).not.toBe(spool.location);
    expect(spool.location).toMatch(/^[0-9a-f]{24}$/);
  });

  it('refuses anything but an import id as a file name', async () => {
    await expect(spool.write('../../etc/passwd', Readable.from([text]), { limit: 10, tooLarge })).rejects.toThrow('not an import id');
  });
});
