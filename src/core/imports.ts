// File imports of attestations, the pure part: the CSV header, one row → the body that
// POST /api/v1/attestations accepts, and a row's validation problems → report lines (column, code).
// Every row is validated by the API's own schema (attestation-input.ts); nothing here reads files.
import type { z } from 'zod';
import { attestationBody, type AttestationBody } from './attestation-input.js';
import type { ErrorCode } from './errors.js';

export const IMPORT_FORMATS = ['csv', 'jsonl', 'xml'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** Columns a CSV file may have besides `evidence_<key>`; names are case-insensitive. */
export const CSV_COLUMNS = ['ref', 'national_id', 'account_id', 'passport_country', 'passport_number', 'indicator', 'occurred_at', 'quantity', 'hours'] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly CsvColumn[] = ['ref', 'indicator', 'occurred_at'];
export const EVIDENCE_PREFIX = 'evidence_';
/** A header wider than this is refused outright (the widest useful one has 19 columns). */
export const MAX_HEADER_COLUMNS = 64;

export type HeaderProblem =
  | { problem: 'too_many_columns'; count: number; max: number }
  | { problem: 'unknown_column'; column: number; name: string }
  | { problem: 'duplicate_column'; column: number; name: string }
  | { problem: 'missing_column'; name: string };

export type HeaderCheck = { ok: true; columns: string[] } | { ok: false; problems: HeaderProblem[] };

function canonicalColumn(raw: string): string | undefined {
  const name = raw.trim();
  const lower = name.toLowerCase();
  if ((CSV_COLUMNS as readonly string[]).includes(lower)) return lower;
  if (lower.startsWith(EVIDENCE_PREFIX)) {
    const key = name.slice(EVIDENCE_PREFIX.length);
    // The same bounds as the API's evidence keys.
    if (key.length >= 1 && key.length <= 64) return `${EVIDENCE_PREFIX}${key}`;
  }
  return undefined;
}

/**
 * Checks a CSV header row and returns its canonical column names (base names lower-cased,
 * `evidence_<key>` with the key as written). Problems name at most 20 columns.
 */
export function checkCsvHeader(cells: readonly string[]): HeaderCheck {
  if (cells.length > MAX_HEADER_COLUMNS) return { ok: false, problems: [{ problem: 'too_many_columns', count: cells.length, max: MAX_HEADER_COLUMNS }] };
  const problems: HeaderProblem[] = [];
  const columns: string[] = [];
  const seen = new Set<string>();
  cells.forEach((raw, i) => {
    const name = canonicalColumn(raw);
    // Names are shown trimmed and cut short: a header cell is not a place for a long story.
    const shown = raw.trim().slice(0, 80);
    if (!name) problems.push({ problem: 'unknown_column', column: i + 1, name: shown });
    else if (seen.has(name.toLowerCase())) problems.push({ problem: 'duplicate_column', column: i + 1, name: shown });
    else seen.add(name.toLowerCase());
    columns.push(name ?? '');
  });
  for (const required of REQUIRED_COLUMNS) if (!seen.has(required)) problems.push({ problem: 'missing_column', name: required });
  const hasSubject = seen.has('national_id') || seen.has('account_id') || (seen.has('passport_country') && seen.has('passport_number'));
  if (!hasSubject) problems.push({ problem: 'missing_column', name: 'national_id|account_id' });
  return problems.length ? { ok: false, problems: problems.slice(0, 20) } : { ok: true, columns };
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** A number cell becomes a number; anything else stays text, so the schema names what is wrong with it. */
function numberCell(cell: string): number | string | undefined {
  if (cell === '') return undefined;
  return DECIMAL.test(cell) ? Number(cell) : cell;
}

/**
 * One CSV record (cells in header order) → the candidate body of POST /api/v1/attestations.
 * Cells are trimmed; an empty cell means "not given". Validation is left to the API's schema.
 */
export function csvRecordToBody(columns: readonly string[], cells: readonly string[]): Record<string, unknown> {
  const cell: Record<string, string> = {};
  const evidence: Record<string, string> = {};
  columns.forEach((name, i) => {
    const value = (cells[i] ?? '').trim();
    if (name.startsWith(EVIDENCE_PREFIX)) {
      if (value !== '') evidence[name.slice(EVIDENCE_PREFIX.length)] = value;
    } else cell[name] = value;
  });
  const given = (name: CsvColumn) => (cell[name] ? cell[name] : undefined);
  const subject: Record<string, unknown> = {};
  if (given('national_id')) subject.nationalId = given('national_id');
  if (given('account_id')) subject.accountId = given('account_id');
  if (given('passport_country') || given('passport_number')) subject.passport = { country: cell.passport_country ?? '', number: cell.passport_number ?? '' };
  const body: Record<string, unknown> = { ref: given('ref'), subject, indicator: given('indicator'), occurredAt: given('occurred_at') };
  const quantity = numberCell(cell.quantity ?? '');
  if (quantity !== undefined) body.quantity = quantity;
  const hours = numberCell(cell.hours ?? '');
  if (hours !== undefined) body.hours = hours;
  if (Object.keys(evidence).length > 0) body.evidence = evidence;
  return body;
}

/** All cells empty (a blank line, or ",,,," from a spreadsheet): not a row at all. */
export function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** One JSON Lines line → the candidate body: the same JSON object the API takes. */
export function jsonLineToBody(text: string): { ok: true; body: Record<string, unknown> } | { ok: false } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false };
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? { ok: true, body: value as Record<string, unknown> } : { ok: false };
}

/** One element of an XML record (as the streaming reader builds it; see docs/exchange/attestations.xsd). */
export interface XmlRecordElement {
  name: string;
  attributes: Record<string, string>;
  text: string;
  children: XmlRecordElement[];
}

/** Elements whose text is a number in the API body. */
const XML_NUMBERS = new Set(['quantity', 'hours']);

/** An element with children → an object of them (a name given twice → a list, which the schema refuses); else its text. */
function xmlValue(el: XmlRecordElement, path: string): unknown {
  if (path === 'evidence') {
    const evidence: Record<string, unknown> = {};
    for (const item of el.children) {
      const key = item.name === 'item' ? item.attributes.key : undefined;
      // Not an <item key="…">: kept under its own name, so the schema names it.
      evidence[key ?? `<${item.name}>`] = item.children.length ? xmlValue(item, `evidence.${item.name}`) : item.text.trim();
    }
    return evidence;
  }
  if (el.children.length === 0) {
    const text = el.text.trim();
    return XML_NUMBERS.has(path) ? (numberCell(text) ?? '') : text;
  }
  const out: Record<string, unknown> = {};
  for (const child of el.children) {
    const value = xmlValue(child, path === 'subject' || path === 'subject.passport' ? `${path}.${child.name}` : child.name);
    const seen = out[child.name];
    out[child.name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/**
 * One XML <attestation> element → the candidate body of POST /api/v1/attestations: each child
 * element is the field of the same name, <subject> holds one of <nationalId>, <accountId> or
 * <passport><country/><number/></passport>, and <evidence> holds <item key="…">value</item>.
 * Validation is left to the API's schema, which also names any element it does not know.
 */
export function xmlRecordToBody(el: XmlRecordElement): { ok: true; body: Record<string, unknown> } | { ok: false } {
  if (el.name !== 'attestation') return { ok: false };
  const body: Record<string, unknown> = {};
  for (const child of el.children) {
    const value = xmlValue(child, child.name);
    const seen = body[child.name];
    body[child.name] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return { ok: true, body };
}

/** The issuer's ref of a row, when it has one that could be valid (used to find the same ref twice in a file). */
export function refOf(body: Record<string, unknown>): string | undefined {
  const ref = body.ref;
  return typeof ref === 'string' && ref.length >= 1 && ref.length <= 128 ? ref : undefined;
}

export interface RowIssue {
  /** The CSV column (e.g. `national_id`, `evidence_donationNo`) or, for JSON Lines, the field path. */
  column: string;
  code: ErrorCode;
  /** What the schema said, in English, never the value itself. */
  detail?: string | undefined;
}

function csvColumnOf(path: readonly PropertyKey[]): string {
  const [a, b, c] = path.map(String);
  if (a === 'subject') {
    if (b === 'nationalId') return 'national_id';
    if (b === 'accountId') return 'account_id';
    if (b === 'passport') return c === 'country' ? 'passport_country' : c === 'number' ? 'passport_number' : 'passport_country|passport_number';
    return 'national_id|account_id';
  }
  if (a === 'occurredAt') return 'occurred_at';
  if (a === 'evidence') return b ? `${EVIDENCE_PREFIX}${b}` : `${EVIDENCE_PREFIX}*`;
  return a ?? '';
}

/** The same choice of code as the API's validation errors (src/http/errors.ts). */
function codeOf(path: readonly PropertyKey[]): ErrorCode {
  if (path[0] === 'occurredAt') return 'invalid_date';
  if (path[0] === 'subject' && path[1] === 'nationalId') return 'invalid_national_id';
  return 'validation_failed';
}

function issueOf(issue: z.core.$ZodIssue, format: ImportFormat): RowIssue {
  const path = issue.path;
  const column = format === 'csv' ? csvColumnOf(path) : path.map(String).join('.');
  const keys = issue.code === 'unrecognized_keys' ? ` (${issue.keys.slice(0, 10).join(', ')})` : '';
  return { column, code: codeOf(path), detail: `${issue.message}${keys}`.slice(0, 300) };
}

export type RowValidation = { ok: true; input: AttestationBody } | { ok: false; issues: RowIssue[] };

/** Validates a candidate body with the API's schema; problems are listed per column. */
export function validateRow(body: Record<string, unknown>, format: ImportFormat): RowValidation {
  const parsed = attestationBody.safeParse(body);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, issues: parsed.error.issues.slice(0, 20).map((i) => issueOf(i, format)) };
}

/** A spreadsheet would run a cell starting with = + - @ (or a tab/CR) as a formula; a leading ' stops it. */
export function spreadsheetSafe(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

const MEDIA_TYPES: Record<string, ImportFormat> = {
  'text/csv': 'csv',
  'application/csv': 'csv',
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/x-jsonlines': 'jsonl',
  'application/xml': 'xml',
  'text/xml': 'xml',
};

/** The import format a Content-Type names; a charset other than UTF-8 is refused as `import_not_utf8`. */
export function formatOfMediaType(contentType: string | undefined): { ok: true; format: ImportFormat } | { ok: false; code: 'import_unsupported_format' | 'import_not_utf8' } {
  const [type = '', ...params] = (contentType ?? '').split(';').map((p) => p.trim().toLowerCase());
  const format = MEDIA_TYPES[type];
  if (!format) return { ok: false, code: 'import_unsupported_format' };
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/^"|"$/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return { ok: false, code: 'import_not_utf8' };
  return { ok: true, format };
}

/** The name an upload is shown under: the last path segment, printable, at most 200 characters. */
export function importFileName(given: string | undefined, format: ImportFormat): string {
  const base = (given ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
  return clean || `upload.${format}`;
}
