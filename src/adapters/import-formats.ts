// Reading an agency's file record by record, from any byte offset, in bounded memory: CSV through
// csv-parse (fed chunk by chunk, records taken synchronously in `on_record` so none is lost when a
// later one fails), JSON Lines by splitting on line breaks. Every record carries the line where it
// starts and the position just after it, which is what an import records to resume after a crash.
//
// A record that cannot be read (a cell longer than the limit, an unbalanced quote) is reported as
// one unreadable record on its first line, and reading starts again on the next line: whatever
// follows is read, not skipped, so the worst a broken quote can do is produce more row errors.
import { CsvError, Parser } from 'csv-parse';
import { SaxesParser, type SaxesTagNS } from 'saxes';

/** The bytes of a file from an offset on (the spool decrypts them). */
export type ByteSource = (offset: number) => AsyncIterable<Buffer>;

/** Where the next record starts: a byte offset, and the line number there (1-based). */
export interface ReadPosition {
  offset: number;
  line: number;
}

export type UnreadableCode = 'import_row_too_long' | 'import_row_malformed' | 'import_xml_malformed';

export type SourceRecord =
  | { kind: 'cells'; line: number; cells: string[]; next: ReadPosition }
  | { kind: 'text'; line: number; text: string; next: ReadPosition }
  | { kind: 'element'; line: number; element: XmlElement; next: ReadPosition }
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

// ---------------------------------------------------------------------------------------------
// XML: saxes (a streaming, non-validating parser that never reads a DTD or expands an entity of
// its own) fed chunk by chunk. Each child element of the root is one record, built as a small
// element tree (at most `maxRecordBytes` of the file) that core/imports turns into an API body.
//
// Resuming mid-document: a record's `next` is the byte offset just after its closing tag, which
// is always a point between two children of the root. Reading from there, the parser is first fed
// a synthetic copy of the root's start tag (its qualified name and the namespace declarations it
// made, noted at upload as `XmlRoot.open`) and then the bytes from that offset: the rest of the
// file, up to </attestations>, is then a well-formed document again and its prefixes resolve as
// in the original. The synthetic tag holds no line break, so the parser's line numbers are the
// file's, shifted by the line at the offset.
//
// A syntax error (XML makes every one fatal) or a record over the size limit is reported as one
// unreadable record on the line where that record starts; reading starts again, with the
// synthetic root, at the next `<attestation` start tag after it, so one broken record costs one
// row, not the rest of the file. (The parser stops at once on an oversized record, so its text
// is never held in memory.)

/** The XML namespace of the exchange format (docs/exchange/attestations.xsd). */
export const XML_NAMESPACE = 'urn:khwamdee:exchange:attestations:1';
export const XML_ROOT = 'attestations';
export const XML_RECORD = 'attestation';

/** An element of one record: its local name (qualified if in another namespace), attributes, text and children. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlElement[];
}

/** What reading on from the middle of the file needs to know about its root. */
export interface XmlRoot {
  /** The synthetic start tag: the root's qualified name and its namespace declarations. */
  open: string;
  /** The qualified name of a record element (`attestation` or `p:attestation`). */
  recordName: string;
}

export type XmlRootProblem = 'import_xml_dtd' | 'import_xml_root' | 'import_not_utf8' | 'import_xml_malformed';
export type XmlRootCheck = { ok: true; root: XmlRoot } | { ok: false; code: XmlRootProblem; line: number; detail?: string };

class XmlStop extends Error {
  constructor(
    readonly code: UnreadableCode | XmlRootProblem | 'found',
    readonly detail = '',
  ) {
    super(code);
  }
}

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/**
 * Reads the start of an XML file up to its root element: refuses a DOCTYPE (so no external entity
 * is ever fetched and none is expanded: XXE and "billion laughs" both need one), an encoding other
 * than UTF-8, and a root other than <attestations> in the exchange namespace.
 */
export async function checkXmlRoot(source: ByteSource, maxPrologueBytes = MAX_RECORD_BYTES): Promise<XmlRootCheck> {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let root: XmlRoot | undefined;
  parser.on('error', (err) => {
    throw new XmlStop('import_xml_malformed', err.message);
  });
  parser.on('doctype', () => {
    throw new XmlStop('import_xml_dtd');
  });
  parser.on('xmldecl', (decl) => {
    if (decl.encoding !== undefined && !/^utf-?8$/i.test(decl.encoding)) throw new XmlStop('import_not_utf8');
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (tag.local !== XML_ROOT || tag.uri !== XML_NAMESPACE) throw new XmlStop('import_xml_root');
    const decls = Object.entries(tag.ns).map(([prefix, uri]) => ` ${prefix ? `xmlns:${prefix}` : 'xmlns'}="${escapeAttr(uri)}"`);
    root = { open: `<${tag.name}${decls.join('')}>`, recordName: tag.prefix ? `${tag.prefix}:${XML_RECORD}` : XML_RECORD };
    throw new XmlStop('found');
  });
  const decoder = new TextDecoder('utf-8');
  let read = 0;
  try {
    for await (const chunk of source(0)) {
      read += chunk.length;
      parser.write(decoder.decode(chunk, { stream: true }));
      if (read > maxPrologueBytes) throw new XmlStop('import_xml_root');
    }
    parser.close();
  } catch (err) {
    if (!(err instanceof XmlStop)) throw err;
    if (err.code === 'found' && root) return { ok: true, root };
    const code: XmlRootProblem = err.code === 'import_xml_dtd' || err.code === 'import_not_utf8' || err.code === 'import_xml_malformed' ? err.code : 'import_xml_root';
    return { ok: false, code, line: parser.line, ...(err.detail ? { detail: err.detail.slice(0, 200) } : {}) };
  }
  return { ok: false, code: 'import_xml_root', line: parser.line };
}

const isTagEnd = (b: number | undefined) => b === 0x3e || b === 0x2f || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** Where the next `<recordName` start tag at or after `from` begins (undefined: none). */
async function nextStartTag(source: ByteSource, from: number, recordName: string): Promise<number | undefined> {
  const needle = Buffer.from(`<${recordName}`);
  let offset = from;
  let carry = Buffer.alloc(0);
  for await (const chunk of source(from)) {
    const buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
    const base = offset - carry.length;
    let tail = Math.max(0, buf.length - needle.length);
    for (let i = buf.indexOf(needle); i !== -1; i = buf.indexOf(needle, i + 1)) {
      const after = buf[i + needle.length];
      if (after === undefined) {
        tail = i;
        break;
      }
      // `<attestation` followed by a name character is another element (`<attestations`).
      if (isTagEnd(after)) return base + i;
    }
    carry = Buffer.from(buf.subarray(tail));
    offset += chunk.length;
  }
  return undefined;
}

/** The line number at byte `offset`, counting from a known earlier position. */
async function lineAtOffset(source: ByteSource, from: ReadPosition, offset: number): Promise<number> {
  const lines = lineCounter(from);
  let at = from.offset;
  for await (const chunk of source(from.offset)) {
    const piece = chunk.subarray(0, Math.max(0, offset - at));
    lines.scan(piece, at);
    at += piece.length;
    if (at >= offset) break;
  }
  lines.end();
  return lines.lineAt(offset);
}

async function endOffset(source: ByteSource, from: number): Promise<number> {
  let offset = from;
  for await (const chunk of source(from)) offset += chunk.length;
  return offset;
}

/**
 * The records of an XML file from `from` on (offset 0: the whole document; any other offset must
 * be a `next` this function gave), given the root `checkXmlRoot` found at upload.
 */
export async function* readXml(source: ByteSource, root: XmlRoot, from: ReadPosition = FILE_START, maxRecordBytes = MAX_RECORD_BYTES): AsyncGenerator<SourceRecord> {
  let start = from;
  for (;;) {
    const base = start;
    const synthetic = base.offset === 0 ? '' : root.open;
    const parser = new SaxesParser({ xmlns: true, position: true });
    // The parser's string positions → byte offsets of the file, through the last texts fed.
    const fed: Array<{ charStart: number; byteStart: number; text: string }> = [];
    const byteAt = (pos: number): number => {
      for (let k = fed.length - 1; k >= 0; k--) {
        const f = fed[k]!;
        if (pos >= f.charStart) return f.byteStart + Buffer.byteLength(f.text.slice(0, pos - f.charStart));
      }
      return base.offset;
    };
    const lineOf = (parserLine: number) => base.line + parserLine - 1;
    const queue: SourceRecord[] = [];
    /** The record being read: where it starts and its open elements (the record's own first). */
    let record: { offset: number; line: number; stack: XmlElement[] } | undefined;
    /** Where the last record ended (or reading started). */
    let last: ReadPosition = base;
    let depth = 0;

    parser.on('error', (err) => {
      throw new XmlStop('import_row_malformed', err.message);
    });
    parser.on('doctype', () => {
      throw new XmlStop('import_row_malformed');
    });
    parser.on('opentagstart', (tag) => {
      depth++;
      // The name and the character after it have just been read: the '<' is that far back.
      if (depth === 2) record = { offset: Math.max(last.offset, byteAt(parser.position - tag.name.length - 2)), line: lineOf(parser.line), stack: [] };
    });
    parser.on('opentag', (tag: SaxesTagNS) => {
      if (depth === 1) {
        if (tag.local !== XML_ROOT || tag.uri !== XML_NAMESPACE) throw new XmlStop('import_row_malformed', 'not the exchange root element');
        return;
      }
      if (!record) return;
      const attributes: Record<string, string> = {};
      for (const a of Object.values(tag.attributes)) if (a.prefix !== 'xmlns' && a.name !== 'xmlns') attributes[a.local] = a.value;
      const el: XmlElement = { name: tag.uri === XML_NAMESPACE ? tag.local : tag.name, attributes, text: '', children: [] };
      record.stack.at(-1)?.children.push(el);
      record.stack.push(el);
    });
    const onText = (text: string) => {
      const top = record?.stack.at(-1);
      if (top) top.text += text;
    };
    parser.on('text', onText);
    parser.on('cdata', onText);
    parser.on('closetag', () => {
      depth--;
      if (!record) return;
      if (depth > 1) {
        // An element inside the record ends; the record's own element stays first.
        if (record.stack.length > 1) record.stack.pop();
        return;
      }
      if (depth === 1) {
        const next = { offset: byteAt(parser.position), line: lineOf(parser.line) };
        queue.push({ kind: 'element', line: record.line, element: record.stack[0]!, next });
        record = undefined;
        last = next;
      }
    });

    let failure: { code: UnreadableCode; at: number; line: number } | undefined;
    let ended = false;
    try {
      if (synthetic) {
        fed.push({ charStart: 0, byteStart: base.offset - Buffer.byteLength(synthetic), text: synthetic });
        parser.write(synthetic);
      }
      const decoder = new TextDecoder('utf-8');
      let charPos = synthetic.length;
      let offset = base.offset;
      let sawBytes = false;
      for await (const chunk of source(base.offset)) {
        sawBytes ||= chunk.length > 0;
        const text = decoder.decode(chunk, { stream: true });
        fed.push({ charStart: charPos, byteStart: offset, text });
        charPos += text.length;
        // Kept: enough of the last texts to reach back over a tag name.
        while (fed.length > 2 && charPos - fed[1]!.charStart >= 512) fed.shift();
        // The decoder may hold back the bytes of a character split between chunks: they start the next text.
        offset += Buffer.byteLength(text);
        parser.write(text);
        yield* queue.splice(0);
        // Bounded memory: a record, or the stretch between two, longer than the limit stops the parser.
        if (record && offset - record.offset > maxRecordBytes) throw new XmlStop('import_row_too_long');
        if (!record && offset - last.offset > maxRecordBytes + chunk.length) throw new XmlStop('import_row_too_long');
      }
      // Resuming at the very end (the last record was the last thing read): nothing is left.
      if (!sawBytes && base.offset > 0) return;
      ended = true;
      parser.close();
      yield* queue.splice(0);
      return;
    } catch (err) {
      if (!(err instanceof XmlStop)) throw err;
      failure = { code: err.code === 'import_row_too_long' ? 'import_row_too_long' : 'import_xml_malformed', at: record?.offset ?? last.offset, line: record?.line ?? last.line };
    }
    yield* queue.splice(0);
    // An error only at the end of the file (the root not closed: a cut-off file) after the last record.
    const resume = ended ? undefined : await nextStartTag(source, failure.at + 1, root.recordName);
    if (resume === undefined) {
      yield { kind: 'unreadable', line: failure.line, code: failure.code, next: { offset: await endOffset(source, last.offset), line: failure.line + 1 } };
      return;
    }
    const resumeLine = await lineAtOffset(source, last, resume);
    yield { kind: 'unreadable', line: failure.line, code: failure.code, next: { offset: resume, line: resumeLine } };
    start = { offset: resume, line: resumeLine };
  }
}
