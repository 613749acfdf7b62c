// Reading an agency's file record by record, from any byte offset, in bounded memory: CSV through
// csv-parse (fed chunk by chunk, records taken synchronously in `on_record` so none is lost when a
// later one fails), JSON Lines by splitting on line breaks. Every record carries the line where it
// starts and the position just after it, which is what an import records to resume after a crash.
//
// A record that cannot be read (a cell longer than the limit, an unbalanced quote) is reported as
// one unreadable record on its first line, and reading starts again on the next line: whatever
// follows is read, not skipped, so the worst a broken quote can do is produce more row errors.
import { CsvError, Parser } from 'csv-parse';

/** The bytes of a file from an offset on (the spool decrypts them). */
export type ByteSource = (offset: number) => AsyncIterable<Buffer>;

/** Where the next record starts: a byte offset, and the line number there (1-based). */
export interface ReadPosition {
  offset: number;
  line: number;
}

export type UnreadableCode = 'import_row_too_long' | 'import_row_malformed';

export type SourceRecord =
  | { kind: 'cells'; line: number; cells: string[]; next: ReadPosition }
  | { kind: 'text'; line: number; text: string; next: ReadPosition }
  | { kind: 'unreadable'; line: number; code: UnreadableCode; next: ReadPosition };

export const FILE_START: ReadPosition = { offset: 0, line: 1 };

/** The longest record read (bytes): ten 500-character Thai evidence cells fit several times over. */
export const MAX_RECORD_BYTES = 64 * 1024;

const CR = 0x0d;
const NL = 0x0a;

const CSV_SYNTAX: Record<string, UnreadableCode> = {
  CSV_MAX_RECORD_SIZE: 'import_row_too_long',
  CSV_INVALID_CLOSING_QUOTE: 'import_row_malformed',
  CSV_QUOTE_NOT_CLOSED: 'import_row_malformed',
  INVALID_OPENING_QUOTE: 'import_row_malformed',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'import_row_malformed',
};

/**
 * Line breaks as a text editor counts them (LF, CRLF, lone CR), by absolute byte offset, so that
 * the line of any later offset is known without keeping the bytes.
 */
function lineCounter(start: ReadPosition) {
  const breaks: number[] = [];
  let head = 0;
  let line = start.line;
  let pendingCr = -1;
  return {
    /** Notes the breaks of the next bytes, which start at `offset`. */
    scan(chunk: Buffer, offset: number) {
      if (pendingCr >= 0) {
        if (chunk[0] !== NL) breaks.push(pendingCr);
        pendingCr = -1;
      }
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i];
        if (b === NL) breaks.push(offset + i);
        else if (b === CR) {
          if (i + 1 === chunk.length) pendingCr = offset + i;
          else if (chunk[i + 1] !== NL) breaks.push(offset + i);
        }
      }
    },
    end() {
      if (pendingCr >= 0) breaks.push(pendingCr);
      pendingCr = -1;
    },
    /** The line number at `offset` (offsets only move forward). */
    lineAt(offset: number): number {
      while (head < breaks.length && breaks[head]! < offset) {
        head++;
        line++;
      }
      if (head > 4096) {
        breaks.splice(0, head);
        head = 0;
      }
      return line;
    },
  };
}

/** The position just after the first line break at or after `from` (end of file: its length). */
async function nextLine(source: ByteSource, from: ReadPosition): Promise<{ next: ReadPosition; eof: boolean }> {
  let offset = from.offset;
  let sawCr = false;
  for await (const chunk of source(from.offset)) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (sawCr) return { next: { offset: offset + i + (b === NL ? 1 : 0), line: from.line + 1 }, eof: false };
      if (b === NL) return { next: { offset: offset + i + 1, line: from.line + 1 }, eof: false };
      if (b === CR) sawCr = true;
    }
    offset += chunk.length;
  }
  return { next: { offset, line: from.line + 1 }, eof: true };
}

function writeTo(parser: Parser, chunk: Buffer): Promise<void> {
  return new Promise((resolve, reject) => parser.write(chunk, (err) => (err ? reject(err) : resolve())));
}

function endOf(parser: Parser): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.once('error', reject);
    parser.end(() => resolve());
  });
}

/**
 * The records of a CSV file from `from` on: cells as text (UTF-8, a BOM at the very start skipped).
 * Records of any width are returned; comparing them with the header is the caller's business.
 */
export async function* readCsv(source: ByteSource, from: ReadPosition = FILE_START, maxRecordBytes = MAX_RECORD_BYTES): AsyncGenerator<SourceRecord> {
  let start = from;
  for (;;) {
    const base = start;
    const lines = lineCounter(base);
    const queue: SourceRecord[] = [];
    let recordStart = base;
    const parser = new Parser({
      bom: base.offset === 0,
      relax_column_count: true,
      max_record_size: maxRecordBytes,
      on_record: (record: string[], info: { bytes: number }) => {
        const offset = base.offset + info.bytes;
        const next = { offset, line: lines.lineAt(offset) };
        queue.push({ kind: 'cells', line: recordStart.line, cells: record, next });
        recordStart = next;
        return null;
      },
    });
    // Errors also arrive through the write/end callbacks, where they are handled.
    parser.on('error', () => undefined);
    let failure: UnreadableCode | undefined;
    try {
      let offset = base.offset;
      for await (const chunk of source(base.offset)) {
        lines.scan(chunk, offset);
        offset += chunk.length;
        await writeTo(parser, chunk);
        yield* queue.splice(0);
      }
      lines.end();
      await endOf(parser);
      yield* queue.splice(0);
      return;
    } catch (err) {
      const code = err instanceof CsvError ? CSV_SYNTAX[err.code] : undefined;
      if (!code) throw err;
      failure = code;
    }
    // The records read before the failure count; the broken one is reported on its first line.
    yield* queue.splice(0);
    const { next, eof } = await nextLine(source, recordStart);
    yield { kind: 'unreadable', line: recordStart.line, code: failure, next };
    if (eof) return;
    start = next;
  }
}

/** The lines of a JSON Lines file from `from` on, without blank lines; a BOM at the very start is skipped. */
export async function* readJsonLines(source: ByteSource, from: ReadPosition = FILE_START, maxLineBytes = MAX_RECORD_BYTES): AsyncGenerator<SourceRecord> {
  let line = from.line;
  let offset = from.offset;
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  const finish = (end: number): SourceRecord | undefined => {
    const next = { offset: end, line: line + 1 };
    const here = line;
    line++;
    if (tooLong) {
      tooLong = false;
      return { kind: 'unreadable', line: here, code: 'import_row_too_long', next };
    }
    let text = Buffer.concat(parts, size).toString('utf8');
    parts = [];
    size = 0;
    if (here === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    return text.trim() === '' ? undefined : { kind: 'text', line: here, text, next };
  };
  const take = (piece: Buffer) => {
    if (tooLong) return;
    if (size + piece.length > maxLineBytes) {
      tooLong = true;
      parts = [];
      size = 0;
      return;
    }
    parts.push(piece);
    size += piece.length;
  };
  for await (const chunk of source(from.offset)) {
    let start = 0;
    for (let i = chunk.indexOf(NL); i !== -1; i = chunk.indexOf(NL, start)) {
      take(chunk.subarray(start, i));
      const r = finish(offset + i + 1);
      if (r) yield r;
      start = i + 1;
    }
    // Kept as a copy: the source may reuse its buffer.
    if (start < chunk.length) take(Buffer.from(chunk.subarray(start)));
    offset += chunk.length;
  }
  if (size > 0 || tooLong) {
    const r = finish(offset);
    if (r) yield r;
  }
}
