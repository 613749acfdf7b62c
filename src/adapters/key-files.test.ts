import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeyFileOnce } from './key-files.js';

const dir = mkdtempSync(join(tmpdir(), 'khwamdee-keyfiles-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createKeyFileOnce', () => {
  it('creates the file once (0600), keeps the first content and leaves no temporary file', () => {
    const file = join(dir, 'sub', 'key');
    expect(createKeyFileOnce(file, () => 'first')).toBe(true);
    expect(createKeyFileOnce(file, () => 'second')).toBe(false);
    expect(readFileSync(file, 'utf8')).toBe('first');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(join(dir, 'sub'))).toEqual(['key']);
  });

  it('lets exactly one of many racing writers win', async () => {
    const file = join(dir, 'raced');
    // Each candidate is already written when the links race (existsSync is passed by all of them).
    const won = await Promise.all(Array.from({ length: 20 }, (_, i) => Promise.resolve().then(() => createKeyFileOnce(file, () => `candidate ${i}`))));
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(readFileSync(file, 'utf8')).toBe(`candidate ${won.indexOf(true)}`);
  });
});
