import { describe, expect, it } from 'vitest';
import { FILE_START, readCsv, readJsonLines, type ByteSource, type ReadPosition, type SourceRecord } from './import-formats.js';

/** A source over an in-memory file, in pieces of `size` bytes (to cut records and characters anywhere). */
const sourceOf = (bytes: Buffer, size = 7): ByteSource =>
  async function* (offset) {
    for (let i = offset; i < bytes.length; i += size) yield bytes.subarray(i, Math.min(i + size, bytes.length));
  };

async function all(gen: AsyncGenerator<SourceRecord>): Promise<SourceRecord[]> {
  const out: SourceRecord[] = [];
  for await (const r of gen) out.push(r);
  return out;
}

const brief = (records: SourceRecord[]) =>
  records.map((r) => (r.kind === 'cells' ? [r.line, r.cells] : r.kind === 'text' ? [r.line, r.text] : r.kind === 'element' ? [r.line, r.element.name] : [r.line, r.code]));

describe('CSV reader', () => {
  it.each([1, 3, 7, 1000])('reads records with their first line and the position after them (pieces of %i bytes)', async (size) => {
    const text = '\ufeffref,site\r\nA,ศูนย์\r\n\r\nB,"two\r\nlines, one cell"\r\n,\r\nC,"say ""hi"""';
    const bytes = Buffer.from(text);
    const records = await all(readCsv(sourceOf(bytes, size)));
    expect(brief(records)).toEqual([
      [1, ['ref', 'site']],
      [2, ['A', 'ศูนย์']],
      [3, ['']],
      [4, ['B', 'two\r\nlines, one cell']],
      [6, ['', '']],
      [7, ['C', 'say "hi"']],
    ]);
    expect(records.at(-1)!.next).toEqual({ offset: bytes.length, line: 7 });
  });

  it('resumes from any recorded position with the same records and lines', async () => {
    const bytes = Buffer.from('h1,h2\n1,"a\nb"\n2,b\n\n3,c\n');
    const whole = await all(readCsv(sourceOf(bytes)));
    for (const [i, r] of whole.entries()) {
      const rest = await all(readCsv(sourceOf(bytes), r.next));
      expect(rest).toEqual(whole.slice(i + 1));
    }
  });

  it('reports a huge cell as one unreadable row and reads on from the next line', async () => {
    const bytes = Buffer.from(`h1,h2\n1,a\n2,${'x'.repeat(5000)}\n3,c\n`);
    const records = await all(readCsv(sourceOf(bytes, 512), FILE_START, 1024));
    expect(brief(records)).toEqual([
      [1, ['h1', 'h2']],
      [2, ['1', 'a']],
      [3, 'import_row_too_long'],
      [4, ['3', 'c']],
    ]);
  });

  it.each([
    ['a closing quote followed by text', 'h1,h2\n1,a\n2,"x"y\n3,c\n'],
    ['a quote in the middle of a cell', 'h1,h2\n1,a\n2,x"y\n3,c\n'],
  ])('reports %s on its line and keeps the rows after it', async (_, text) => {
    expect(brief(await all(readCsv(sourceOf(Buffer.from(text)))))).toEqual([
      [1, ['h1', 'h2']],
      [2, ['1', 'a']],
      [3, 'import_row_malformed'],
      [4, ['3', 'c']],
    ]);
  });

  it('keeps the rows after a quote that is never closed', async () => {
    const records = await all(readCsv(sourceOf(Buffer.from('h1,h2\n1,"a\n2,b\n3,c\n'))));
    expect(brief(records)).toEqual([
      [1, ['h1', 'h2']],
      [2, 'import_row_malformed'],
      [3, ['2', 'b']],
      [4, ['3', 'c']],
    ]);
  });

  it('ends after an unreadable last line without a line break', async () => {
    const records = await all(readCsv(sourceOf(Buffer.from('h\n"x'))));
    expect(brief(records)).toEqual([
      [1, ['h']],
      [2, 'import_row_malformed'],
    ]);
    expect(records.at(-1)!.next).toEqual({ offset: 4, line: 3 });
  });

  it('returns records of any width for the caller to judge', async () => {
    expect(brief(await all(readCsv(sourceOf(Buffer.from('a,b\n1,2,3\n4\n')))))).toEqual([
      [1, ['a', 'b']],
      [2, ['1', '2', '3']],
      [3, ['4']],
    ]);
  });
});

describe('JSON Lines reader', () => {
  it.each([1, 5, 1000])('reads lines, skips blank ones and the BOM (pieces of %i bytes)', async (size) => {
    const bytes = Buffer.from('\ufeff{"ref":"ก"}\r\n\n  \n{"ref":"2"}');
    const records = await all(readJsonLines(sourceOf(bytes, size)));
    expect(brief(records)).toEqual([
      [1, '{"ref":"ก"}'],
      [4, '{"ref":"2"}'],
    ]);
    expect(records.at(-1)!.next).toEqual({ offset: bytes.length, line: 5 });
  });

  it('reports a line that is too long without keeping it, and resumes anywhere', async () => {
    const bytes = Buffer.from(`{"a":1}\n{"b":"${'x'.repeat(3000)}"}\n{"c":3}\n`);
    const records = await all(readJsonLines(sourceOf(bytes, 100), FILE_START, 1024));
    expect(brief(records)).toEqual([
      [1, '{"a":1}'],
      [2, 'import_row_too_long'],
      [3, '{"c":3}'],
    ]);
    const from: ReadPosition = records[1]!.next;
    expect(brief(await all(readJsonLines(sourceOf(bytes, 100), from, 1024)))).toEqual([[3, '{"c":3}']]);
  });
});
