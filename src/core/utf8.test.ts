import { describe, expect, it } from 'vitest';
import { createUtf8LineChecker } from './utf8.js';

/** Feeds `bytes` in pieces of `size` and returns the reported line, if any. */
function check(bytes: Buffer, size: number): number | undefined {
  const c = createUtf8LineChecker();
  for (let i = 0; i < bytes.length; i += size) {
    const r = c.push(bytes.subarray(i, i + size));
    if (r !== undefined) return r;
  }
  return c.end();
}

const thai = Buffer.from('ref,site\nA,ศูนย์บริการโลหิต\nB,เชียงใหม่\n');
// "ศูนย์" in TIS-620 / Windows-874, as Thai Excel saves a plain "CSV".
const tis620 = Buffer.from([0xc8, 0xd9, 0xb9, 0xc2, 0xec]);

describe('UTF-8 line checker', () => {
  it.each([1, 2, 3, 7, 64, 100_000])('accepts Thai text split every %i bytes (characters cut in half)', (size) => {
    expect(check(thai, size)).toBeUndefined();
  });

  it.each([1, 5, 64])('names the line of a TIS-620 cell (pieces of %i bytes)', (size) => {
    const bytes = Buffer.concat([Buffer.from('ref,site\nA,ok\nB,'), tis620, Buffer.from('\nC,ok\n')]);
    expect(check(bytes, size)).toBe(3);
  });

  it('refuses a UTF-16 file on line 1', () => {
    expect(check(Buffer.from('\ufeffref,site\n', 'utf16le'), 64)).toBe(1);
  });

  it('refuses a file cut in the middle of a character', () => {
    expect(check(thai.subarray(0, thai.length - 2), 16)).toBe(3);
  });

  it('checks a very long line in bounded pieces and still finds a bad byte', () => {
    const long = Buffer.concat([Buffer.from('x\n'), Buffer.from('ก'.repeat(700_000)), tis620, Buffer.from('\n')]);
    expect(check(long, 65_536)).toBe(2);
    expect(check(Buffer.concat([Buffer.from('x\n'), Buffer.from('ก'.repeat(700_000)), Buffer.from('\n')]), 65_536)).toBeUndefined();
  });

  it('accepts an empty input', () => {
    expect(createUtf8LineChecker().end()).toBeUndefined();
  });
});
