import { describe, expect, it } from 'vitest';
import {
  checkCsvHeader,
  csvRecordToBody,
  formatOfMediaType,
  importFileName,
  isBlankRecord,
  jsonLineToBody,
  MAX_HEADER_COLUMNS,
  refOf,
  spreadsheetSafe,
  validateRow,
} from './imports.js';

const HEADER = ['ref', 'national_id', 'account_id', 'indicator', 'occurred_at', 'quantity', 'hours', 'evidence_donationNo', 'evidence_site'];
const ID = '1101700230708';

describe('CSV header', () => {
  it('accepts the documented columns in any order and case, with evidence keys kept as written', () => {
    const r = checkCsvHeader([' Ref ', 'INDICATOR', 'occurred_at', 'National_ID', 'evidence_donationNo']);
    expect(r).toEqual({ ok: true, columns: ['ref', 'indicator', 'occurred_at', 'national_id', 'evidence_donationNo'] });
  });

  it('accepts a passport pair as the subject', () => {
    expect(checkCsvHeader(['ref', 'indicator', 'occurred_at', 'passport_country', 'passport_number']).ok).toBe(true);
  });

  it.each([
    [['ref', 'indicator', 'occurred_at'], [{ problem: 'missing_column', name: 'national_id|account_id' }]],
    [
      ['national_id', 'indicator'],
      [
        { problem: 'missing_column', name: 'ref' },
        { problem: 'missing_column', name: 'occurred_at' },
      ],
    ],
    [['ref', 'national_id', 'indicator', 'occurred_at', 'name'], [{ problem: 'unknown_column', column: 5, name: 'name' }]],
    [['ref', 'national_id', 'indicator', 'occurred_at', 'REF'], [{ problem: 'duplicate_column', column: 5, name: 'REF' }]],
    [['ref', 'national_id', 'indicator', 'occurred_at', ''], [{ problem: 'unknown_column', column: 5, name: '' }]],
    [['ref', 'national_id', 'indicator', 'occurred_at', 'evidence_'], [{ problem: 'unknown_column', column: 5, name: 'evidence_' }]],
    [['ref', 'indicator', 'occurred_at', 'passport_country'], [{ problem: 'missing_column', name: 'national_id|account_id' }]],
  ])('refuses %j', (cells, problems) => {
    expect(checkCsvHeader(cells)).toEqual({ ok: false, problems });
  });

  it('refuses a 10,000-column header without looking at every name', () => {
    const r = checkCsvHeader(Array.from({ length: 10_000 }, (_, i) => `c${i}`));
    expect(r).toEqual({ ok: false, problems: [{ problem: 'too_many_columns', count: 10_000, max: MAX_HEADER_COLUMNS }] });
  });

  it('lists at most 20 problems', () => {
    const r = checkCsvHeader(['ref', 'national_id', 'indicator', 'occurred_at', ...Array.from({ length: 40 }, (_, i) => `x${i}`)]);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toHaveLength(20);
  });
});

describe('CSV row → attestation body', () => {
  const row = (cells: Record<string, string>) =>
    csvRecordToBody(
      HEADER,
      HEADER.map((h) => cells[h] ?? ''),
    );

  it('maps a full row, trimming cells and turning numbers into numbers', () => {
    const body = row({
      ref: ' TRC-1 ',
      national_id: ID,
      indicator: 'trc.blood.red-cell',
      occurred_at: '2026-05-01T09:00:00+07:00',
      quantity: '1',
      hours: '1.5',
      evidence_donationNo: 'D-1',
      evidence_site: 'ศูนย์บริการโลหิตแห่งชาติ',
    });
    expect(body).toEqual({
      ref: 'TRC-1',
      subject: { nationalId: ID },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-05-01T09:00:00+07:00',
      quantity: 1,
      hours: 1.5,
      evidence: { donationNo: 'D-1', site: 'ศูนย์บริการโลหิตแห่งชาติ' },
    });
    expect(validateRow(body, 'csv')).toEqual({ ok: true, input: { ...body, subject: { nationalId: ID } } });
  });

  it('leaves out empty optional cells and evidence', () => {
    const body = row({ ref: 'R', account_id: '0190a0a0-0000-7000-8000-000000000001', indicator: 'x', occurred_at: '2026-05-01T09:00:00+07:00' });
    expect(body).toEqual({ ref: 'R', subject: { accountId: '0190a0a0-0000-7000-8000-000000000001' }, indicator: 'x', occurredAt: '2026-05-01T09:00:00+07:00' });
  });

  it('builds a passport subject from its two columns', () => {
    const cols = ['ref', 'passport_country', 'passport_number', 'indicator', 'occurred_at'];
    expect(csvRecordToBody(cols, ['R', 'MMR', 'MA1234567', 'x', 't']).subject).toEqual({ passport: { country: 'MMR', number: 'MA1234567' } });
  });

  it('tolerates a short record: missing cells are empty', () => {
    expect(csvRecordToBody(HEADER, ['R'])).toEqual({ ref: 'R', subject: {}, indicator: undefined, occurredAt: undefined });
  });

  it.each([
    [{ national_id: '1101700230709' }, 'national_id', 'invalid_national_id'],
    [{ national_id: ID, account_id: '0190a0a0-0000-7000-8000-000000000001' }, 'national_id|account_id', 'validation_failed'],
    [{ national_id: '' }, 'national_id|account_id', 'validation_failed'],
    [{ occurred_at: '2026-05-01 09:00' }, 'occurred_at', 'invalid_date'],
    [{ occurred_at: '2026-05-01T09:00:00' }, 'occurred_at', 'invalid_date'],
    [{ occurred_at: '' }, 'occurred_at', 'invalid_date'],
    [{ quantity: 'หนึ่ง' }, 'quantity', 'validation_failed'],
    [{ quantity: '-1' }, 'quantity', 'validation_failed'],
    [{ hours: '1.3' }, 'hours', 'validation_failed'],
    [{ ref: 'has space' }, 'ref', 'validation_failed'],
    [{ ref: 'อ้างอิง-1' }, 'ref', 'validation_failed'],
    [{ ref: 'x'.repeat(129) }, 'ref', 'validation_failed'],
    [{ ref: '' }, 'ref', 'validation_failed'],
    [{ indicator: '' }, 'indicator', 'validation_failed'],
    [{ evidence_site: 'ก'.repeat(501) }, 'evidence_site', 'validation_failed'],
  ])('reports %j on column %s as %s, never echoing the value', (cells, column, code) => {
    const base = { ref: 'R-1', national_id: ID, indicator: 'trc.blood.red-cell', occurred_at: '2026-05-01T09:00:00+07:00' };
    const r = validateRow(row({ ...base, ...cells }), 'csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ column, code });
    expect(r.issues[0]!.detail).toBeTruthy();
    for (const v of Object.values(cells)) if (v.length > 3) expect(r.issues[0]!.detail).not.toContain(v);
  });

  it('lists every problem of a row', () => {
    const r = validateRow(row({ ref: 'a b', national_id: '123', occurred_at: 'yesterday', indicator: 'x' }), 'csv');
    expect(r.ok ? [] : r.issues.map((i) => [i.column, i.code])).toEqual([
      ['ref', 'validation_failed'],
      ['national_id', 'invalid_national_id'],
      ['occurred_at', 'invalid_date'],
    ]);
  });

  it('refuses more than 10 evidence fields as the API does', () => {
    const cols = ['ref', 'national_id', 'indicator', 'occurred_at', ...Array.from({ length: 11 }, (_, i) => `evidence_k${i}`)];
    const r = validateRow(csvRecordToBody(cols, ['R', ID, 'x', '2026-05-01T09:00:00+07:00', ...Array.from({ length: 11 }, () => 'v')]), 'csv');
    expect(r.ok ? [] : r.issues.map((i) => i.column)).toEqual(['evidence_*']);
  });

  it('treats all-empty records as blank', () => {
    expect(isBlankRecord(['', ' ', ''])).toBe(true);
    expect(isBlankRecord([''])).toBe(true);
    expect(isBlankRecord(['', 'x'])).toBe(false);
  });
});

describe('JSON Lines row', () => {
  it('takes the API body as it is', () => {
    const line = JSON.stringify({
      ref: 'J-1',
      subject: { nationalId: ID },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-05-01T09:00:00+07:00',
      evidence: { donationNo: 'D' },
    });
    const parsed = jsonLineToBody(line);
    expect(parsed.ok && validateRow(parsed.body, 'jsonl').ok).toBe(true);
  });

  it.each(['{', '[1,2]', 'null', '"text"', '42', ''])('refuses %j as not a JSON object', (line) => {
    expect(jsonLineToBody(line)).toEqual({ ok: false });
  });

  it('names problems by their field path, including unknown fields', () => {
    const r = validateRow({ ref: 'J', subject: { nationalId: ID, name: 'x' }, indicator: 'i', occurredAt: '2026-05-01T09:00:00+07:00', extra: 1 }, 'jsonl');
    expect(r.ok ? [] : r.issues.map((i) => [i.column, i.code, i.detail])).toEqual([
      ['subject', 'validation_failed', expect.stringContaining('(name)')],
      ['', 'validation_failed', expect.stringContaining('(extra)')],
    ]);
  });
});

describe('helpers', () => {
  it('finds a usable ref', () => {
    expect(refOf({ ref: 'A' })).toBe('A');
    expect(refOf({ ref: '' })).toBeUndefined();
    expect(refOf({ ref: 5 })).toBeUndefined();
    expect(refOf({ ref: 'x'.repeat(129) })).toBeUndefined();
  });

  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['TRC-1', 'TRC-1'],
    ['ศูนย์', 'ศูนย์'],
  ])('keeps %s from running as a spreadsheet formula', (cell, safe) => {
    expect(spreadsheetSafe(cell)).toBe(safe);
  });
});

describe('upload media type and file name', () => {
  it.each([
    ['text/csv', { ok: true, format: 'csv' }],
    ['text/csv; charset=utf-8', { ok: true, format: 'csv' }],
    ['TEXT/CSV;charset="UTF-8"', { ok: true, format: 'csv' }],
    ['application/x-ndjson', { ok: true, format: 'jsonl' }],
    ['application/jsonl', { ok: true, format: 'jsonl' }],
    ['text/csv; charset=windows-874', { ok: false, code: 'import_not_utf8' }],
    ['text/csv; charset=tis-620', { ok: false, code: 'import_not_utf8' }],
    ['application/json', { ok: false, code: 'import_unsupported_format' }],
    ['application/xml', { ok: true, format: 'xml' }],
    ['application/pdf', { ok: false, code: 'import_unsupported_format' }],
    [undefined, { ok: false, code: 'import_unsupported_format' }],
  ])('%s → %j', (type, expected) => {
    expect(formatOfMediaType(type)).toEqual(expected);
  });

  it.each([
    ['donations.csv', 'donations.csv'],
    ['C:\\Users\\staff\\บริจาคโลหิต.csv', 'บริจาคโลหิต.csv'],
    ['../../etc/passwd', 'passwd'],
    ['a\u0000b\nc.csv', 'abc.csv'],
    ['', 'upload.csv'],
    [undefined, 'upload.csv'],
    ['x'.repeat(300), 'x'.repeat(200)],
  ])('file name %j → %j', (given, shown) => {
    expect(importFileName(given, 'csv')).toBe(shown);
  });
});
