// File imports of attestations on SQLite and PostgreSQL: the documented example, per-row errors
// with good rows still credited, re-sending without double credit, resuming after the platform
// stopped or crashed mid-file, isolation between agencies, and bad files of every kind.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPlatform, type Platform } from '../src/platform.js';
import { buildApp } from '../src/http/app.js';
import type { ImportOptions, ImportView } from '../src/services/imports.js';
import { ADMIN_TOKEN, DB_KINDS, auth, nextNationalId, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, enrolPerson, personToken, rowCounts, scoreOf } from './support/helpers.js';
import { allRowCounts, expectError, withWrongCheckDigit } from './support/bad-input.js';

const EXAMPLE = readFileSync(new URL('../docs/exchange/attestations.example.csv', import.meta.url));
const EXAMPLE_PEOPLE = ['1101700230708', '3100500123458', '5701200345678'];
const HEADER = ['ref', 'national_id', 'account_id', 'indicator', 'occurred_at', 'quantity', 'hours', 'evidence_donationNo'];
const CHUNK = 50;
/** Enough people that every good row of the suite is its own person-day, 15 days apart (no cap is hit). */
const PEOPLE = 120;
const LIMIT = 1_000_000;

const csv = (rows: string[][], header = HEADER) => stringify([header, ...rows], { record_delimiter: 'windows' });
const day = (n: number) => new Date(Date.UTC(2026, 0, 5) + n * 86_400_000).toISOString().replace('.000Z', '+00:00');

interface ReportRow {
  row: string;
  ref: string;
  column: string;
  code: string;
  outcome: string;
  message_th: string;
  message_en: string;
  detail: string;
}

describe.each(DB_KINDS)('file imports (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let khuangpao: string;
  let people: Array<{ id: string; nationalId: string }>;
  let seq = 0;

  beforeAll(async () => {
    p = await openTestPlatform(kind, undefined, { imports: { autoStart: false, chunkRows: CHUNK, limitBytes: LIMIT } });
    trc = await agencyToken(p.app, 'trc');
    khuangpao = await agencyToken(p.app, 'khuangpao');
    for (const nationalId of EXAMPLE_PEOPLE) await enrolPerson(p.app, { nationalId });
    people = [];
    for (let i = 0; i < PEOPLE; i++) people.push(await enrolPerson(p.app));
  });
  afterAll(async () => p?.cleanup());

  const upload = (token: string, body: string | Buffer, contentType = 'text/csv', fileName = 'deeds.csv', app: FastifyInstance = p.app) =>
    app.inject({ method: 'POST', url: `/api/v1/imports?fileName=${encodeURIComponent(fileName)}`, headers: { ...auth(token), 'content-type': contentType }, payload: body });
  const status = async (id: string, token = trc, app: FastifyInstance = p.app): Promise<ImportView> => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: auth(token) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };
  const report = async (id: string, token = trc): Promise<{ raw: string; rows: ReportRow[] }> => {
    const res = await p.app.inject({ method: 'GET', url: `/api/v1/imports/${id}/errors.csv`, headers: auth(token) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(true);
    return { raw: res.body, rows: parse(res.body, { bom: true, columns: true }) as ReportRow[] };
  };
  /** Uploads and processes a file to the end. */
  async function importFile(body: string | Buffer, contentType = 'text/csv', token = trc): Promise<ImportView> {
    const res = await upload(token, body, contentType);
    expect(res.statusCode, res.body).toBe(202);
    await p.services.imports.runOnce();
    return status(res.json<ImportView>().id, token);
  }
  /** Good row i: a plasma donation of person i mod PEOPLE, each person's rows 15 days apart (i must be unique in the suite). */
  const good = (i: number, tag: string): string[] => {
    const person = people[i % PEOPLE]!;
    return [`${tag}-${i}`, person.nationalId, '', 'trc.blood.plasma', day(Math.floor(i / PEOPLE) * 15), '', '', `D-${tag}-${i}`];
  };
  const creditCount = async () => Number((await rowCounts(p.store.db)).credits);

  it('imports the documented example file: every row credited, progress at the end of the file', async () => {
    const res = await upload(trc, EXAMPLE, 'text/csv; charset=utf-8', 'attestations.example.csv');
    expect(res.statusCode, res.body).toBe(202);
    const queued = res.json<ImportView>();
    expect(res.headers.location).toBe(`/api/v1/imports/${queued.id}`);
    expect(queued).toMatchObject({
      status: 'queued',
      format: 'csv',
      fileName: 'attestations.example.csv',
      sha256: createHash('sha256').update(EXAMPLE).digest('hex'),
      sizeBytes: EXAMPLE.length,
      rowsRead: 0,
      startedAt: null,
      finishedAt: null,
      errorsUrl: `/api/v1/imports/${queued.id}/errors.csv`,
    });
    await p.services.imports.runOnce();
    const done = await status(queued.id);
    expect(done).toMatchObject({ status: 'done', rowsRead: 3, credited: 3, pending: 0, rejected: 0, failed: 0, alreadyRecorded: 0, errorCount: 0, position: EXAMPLE.length });
    expect(done.startedAt).toBeTruthy();
    expect(done.finishedAt).toBeTruthy();
    expect((await report(queued.id)).rows).toEqual([]);
    // The example's red-cell donation, plasma donation and organ pledge: 70, 70 and 200 points.
    const lookup = async (nationalId: string) =>
      (await p.app.inject({ method: 'POST', url: '/api/v1/accounts/lookup', headers: auth(ADMIN_TOKEN), payload: { nationalId } })).json<{ id: string }>().id;
    expect((await scoreOf(p.app, await lookup(EXAMPLE_PEOPLE[0]!), 2026)).points).toBe(70);
    expect((await scoreOf(p.app, await lookup(EXAMPLE_PEOPLE[2]!), 2026)).points).toBe(200);
    // The file is deleted once processed: it held national IDs.
    expect(spooled(p)).toEqual([]);
  });

  it('reports a bad row with its row number, column and code, and credits the good rows', async () => {
    const rows = [good(0, 'one-bad'), good(1, 'one-bad'), good(2, 'one-bad'), good(3, 'one-bad')];
    const badId = withWrongCheckDigit(rows[2]![1]!);
    rows[2]![1] = badId;
    const before = await creditCount();
    const done = await importFile(csv(rows));
    expect(done).toMatchObject({ status: 'done', rowsRead: 4, credited: 3, failed: 1, errorCount: 1 });
    expect(await creditCount()).toBe(before + 3);
    const { raw, rows: lines } = await report(done.id);
    expect(lines).toEqual([
      {
        row: '4',
        ref: 'one-bad-2',
        column: 'national_id',
        code: 'invalid_national_id',
        outcome: 'failed',
        message_th: 'เลขประจำตัวประชาชนไม่ถูกต้อง',
        message_en: 'The national ID number is not valid.',
        detail: expect.stringContaining('check digit'),
      },
    ]);
    // The national ID itself never appears in the report.
    expect(raw).not.toContain(badId);
    const page = await p.app.inject({ method: 'GET', url: `/api/v1/imports/${done.id}/errors`, headers: auth(trc) });
    expect(page.json()).toEqual({
      items: [{ row: 4, seq: 0, ref: 'one-bad-2', column: 'national_id', code: 'invalid_national_id', outcome: 'failed', message: expect.any(Object), detail: expect.any(String) }],
      truncated: false,
    });
  });

  it('credits nothing twice when the same file, or part of it, is sent again — also twice at once', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => good(i + 10, 'again'));
    const file = csv(rows);
    const first = await importFile(file);
    expect(first).toMatchObject({ status: 'done', rowsRead: 120, credited: 120, alreadyRecorded: 0 });
    const counts = await rowCounts(p.store.db);
    p.clock.advance(60_000);

    const again = await importFile(file);
    expect(again).toMatchObject({ status: 'done', rowsRead: 120, credited: 120, alreadyRecorded: 120, failed: 0 });
    const part = await importFile(csv(rows.slice(30, 70).reverse()));
    expect(part).toMatchObject({ status: 'done', rowsRead: 40, credited: 40, alreadyRecorded: 40 });
    // A row sent again with other content is a conflict, reported, not a second deed.
    const changed = rows.slice(0, 2).map((r) => [...r]);
    changed[1]![7] = 'D-changed';
    const conflict = await importFile(csv(changed));
    expect(conflict).toMatchObject({ status: 'done', rowsRead: 2, credited: 1, failed: 1, alreadyRecorded: 1 });
    expect((await report(conflict.id)).rows.map((r) => [r.row, r.ref, r.code])).toEqual([['3', 'again-11', 'ref_conflict']]);
    const [a, b] = await Promise.all([upload(trc, file), upload(trc, file)]);
    await Promise.all([p.services.imports.runOnce(), p.services.imports.runOnce()]);
    for (const r of [a, b]) expect(await status(r.json<ImportView>().id)).toMatchObject({ status: 'done', credited: 120, alreadyRecorded: 120 });
    expect(await rowCounts(p.store.db)).toEqual(counts);
  });

  it('counts and lists rows the rules reject (a cap) apart from invalid ones', async () => {
    const person = people[5]!;
    const rows = [
      ['cap-1', person.nationalId, '', 'trc.stem-cell', day(1), '', '', 'S-1'],
      ['cap-2', person.nationalId, '', 'trc.stem-cell', day(40), '', '', 'S-2'],
      ['cap-3', person.nationalId, '', 'trc.no-such-deed', day(41), '', '', 'S-3'],
      ['cap-4', '', person.id, 'khuangpao.village-meeting', day(42), '', '', ''],
      ['cap-5', nextNationalId(), '', 'trc.stem-cell', day(43), '', '', 'S-5'],
      ['cap-6', person.nationalId, '', 'trc.stem-cell', '2027-01-01T09:00:00+07:00', '', '', 'S-6'],
      ['cap-7', person.nationalId, '', 'trc.organ-pledge', day(44), '', '', ''],
    ];
    const done = await importFile(csv(rows));
    expect(done).toMatchObject({ status: 'done', rowsRead: 7, credited: 1, rejected: 1, failed: 5, pending: 0 });
    expect((await report(done.id)).rows.map((r) => [r.row, r.code, r.outcome])).toEqual([
      ['3', 'cap_exceeded', 'rejected'],
      ['4', 'unknown_indicator', 'failed'],
      ['5', 'out_of_scope', 'failed'],
      ['6', 'subject_not_enrolled', 'failed'],
      ['7', 'occurred_in_future', 'failed'],
      ['8', 'evidence_required', 'failed'],
    ]);
  });

  it('gives every malformed row its own error and loses none of the rows around them', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => good(i + 200, 'rows'));
    const lines = [
      HEADER.join(','),
      rows[0]!.join(','), // line 2: good
      `${rows[1]!.join(',')},extra`, // 3: too many columns
      rows[2]!.slice(0, 4).join(','), // 4: too few columns
      rows[3]!.join(','), // 5: good
      [...rows[4]!.slice(0, 7), 'x'.repeat(100_000)].join(','), // 6: a huge cell
      rows[5]!.join(','), // 7: good, right after the huge cell
      [...rows[6]!.slice(0, 7), '"broken"quote'].join(','), // 8: misplaced quote
      rows[7]!.join(','), // 9: good
      '', // 10: blank line (not a row)
      ',,,,,,,', // 11: an empty spreadsheet row (not a row)
      rows[0]!.join(','), // 12: the same row as line 2
      [rows[0]![0]!, ...rows[8]!.slice(1)].join(','), // 13: line 2's ref with other content
      ['=1+1', ...rows[9]!.slice(1, 3), 'trc.nope', ...rows[9]!.slice(4)].join(','), // 14: a formula as ref
      rows[10]!.join(','), // 15: good
      [...rows[11]!.slice(0, 7), '"never closed'].join(','), // 16: an unclosed quote (last line)
    ];
    const before = await creditCount();
    const done = await importFile(`\ufeff${lines.join('\n')}\n`);
    expect(done).toMatchObject({ status: 'done', rowsRead: 13, credited: 5, failed: 8 });
    expect(await creditCount()).toBe(before + 5);
    const { rows: out } = await report(done.id);
    expect(out.map((r) => [r.row, r.code, r.column])).toEqual([
      ['3', 'import_row_columns', ''],
      ['4', 'import_row_columns', ''],
      ['6', 'import_row_too_long', ''],
      ['8', 'import_row_malformed', ''],
      ['12', 'import_duplicate_ref', 'ref'],
      ['13', 'import_duplicate_ref', 'ref'],
      ['14', 'unknown_indicator', ''],
      ['16', 'import_row_malformed', ''],
    ]);
    expect(out[4]!.detail).toBe('first used on row 2');
    // A spreadsheet opening the report does not run the ref as a formula.
    expect(out[6]!.ref).toBe(`'=1+1`);
    // The JSON pages of a console hold the same lines, in the same order.
    const paged: Array<[number, string]> = [];
    let query = 'limit=3';
    for (;;) {
      const page = (await p.app.inject({ method: 'GET', url: `/api/v1/imports/${done.id}/errors?${query}`, headers: auth(trc) })).json();
      paged.push(...page.items.map((i: { row: number; code: string }) => [i.row, i.code] as [number, string]));
      if (!page.next) break;
      query = `limit=3&afterRow=${page.next.afterRow}&afterSeq=${page.next.afterSeq}`;
    }
    expect(paged).toEqual(out.map((r) => [Number(r.row), r.code]));
  });

  it('imports JSON Lines: the API body per line, problems named by field path', async () => {
    const person = await enrolPerson(p.app);
    const body = (ref: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ ref, subject: { nationalId: person.nationalId }, indicator: 'trc.blood.plasma', occurredAt: day(100), evidence: { donationNo: ref }, ...extra });
    const file = [body('j-1'), '', 'not json', '[1,2]', body('j-2', { subject: { nationalId: person.nationalId, name: 'สมชาย' } }), body('j-3', { occurredAt: 'today' })].join(
      '\n',
    );
    const done = await importFile(file, 'application/x-ndjson');
    expect(done).toMatchObject({ status: 'done', format: 'jsonl', rowsRead: 5, credited: 1, failed: 4 });
    expect((await report(done.id)).rows.map((r) => [r.row, r.code, r.column])).toEqual([
      ['3', 'import_row_not_json', ''],
      ['4', 'import_row_not_json', ''],
      ['5', 'validation_failed', 'subject'],
      ['6', 'invalid_date', 'occurredAt'],
    ]);
  });

  it('continues a stopped import where it stopped, with the same totals', async () => {
    const rows = Array.from({ length: 230 }, (_, i) => good(i + 400, 'stop'));
    for (const i of [17, 120, 229]) rows[i]![4] = 'yesterday';
    const before = await creditCount();
    const res = await upload(trc, csv(rows));
    const id = res.json<ImportView>().id;
    expect(await p.services.imports.runOnce({ maxChunks: 2 })).toBe(2);
    const half = await status(id);
    expect(half).toMatchObject({ status: 'running', rowsRead: 100, credited: 99, failed: 1 });
    expect(half.position).toBeGreaterThan(0);
    expect(half.position).toBeLessThan(half.sizeBytes);

    // A clean stop gives the lease back; a new platform on the same storage continues at once.
    await p.services.imports.stop();
    const next = await reopen(p);
    try {
      await next.platform.services.imports.runOnce();
      const done = await status(id, trc, next.app);
      expect(done).toMatchObject({ status: 'done', rowsRead: 230, credited: 227, failed: 3, alreadyRecorded: 0, errorCount: 3 });
      expect(await creditCount()).toBe(before + 227);
      expect((await report(id)).rows.map((r) => r.row)).toEqual(['19', '122', '231']);
    } finally {
      await next.close();
    }
  });

  it('after a crash, another runner takes the import over and redoes only the unrecorded chunk, crediting nothing twice', async () => {
    const rows = Array.from({ length: 180 }, (_, i) => good(i + 700, 'crash'));
    rows[60]![1] = withWrongCheckDigit(rows[60]![1]!);
    const before = await creditCount();
    const id = (await upload(trc, csv(rows))).json<ImportView>().id;
    await p.services.imports.runOnce({ maxChunks: 1 });
    // The crash came after the next chunk was posted but before its progress was recorded.
    for (const r of rows.slice(CHUNK, 2 * CHUNK)) {
      const [ref, nationalId, , indicator, occurredAt, , , donationNo] = r;
      if (ref === rows[60]![0]) continue;
      const posted = await p.app.inject({
        method: 'POST',
        url: '/api/v1/attestations',
        headers: auth(trc),
        payload: { ref, subject: { nationalId }, indicator, occurredAt, evidence: { donationNo } },
      });
      expect(posted.statusCode, posted.body).toBe(201);
    }
    // The crashed runner never gave its lease back. A platform started again on the same data
    // directory takes over at once; told not to, it waits for the lease to lapse.
    const waiting = await reopen(p, { takeOverOnStart: false });
    expect(await waiting.platform.services.imports.runOnce()).toBe(0);
    await waiting.close();
    const next = await reopen(p);
    try {
      await next.platform.services.imports.runOnce();
      expect(await status(id, trc, next.app)).toMatchObject({ status: 'done', rowsRead: 180, credited: 179, failed: 1, alreadyRecorded: 0, errorCount: 1 });
      expect(await creditCount()).toBe(before + 179);
      const refs = await p.store.db.selectFrom('attestations').select('ref').where('ref', 'like', 'crash-%').execute();
      expect(refs).toHaveLength(179);
      // The first runner, were it still alive, finds nothing left to do.
      expect(await p.services.imports.runOnce()).toBe(0);
    } finally {
      await next.close();
    }
  });

  it('drops, at the next start, the refs of an import that ended just before a crash', async () => {
    const id = (await importFile(csv([good(950, 'ended'), good(951, 'ended')]))).id;
    expect((await status(id)).status).toBe('done');
    const refsOf = async () =>
      Number(
        (
          await p.store.db
            .selectFrom('import_refs')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('import_id', '=', id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await refsOf()).toBe(0);
    // The crash came after the import was marked done and before its refs were cleared.
    await p.store.db
      .insertInto('import_refs')
      .values([
        { import_id: id, ref: 'ended-950', row: 2 },
        { import_id: id, ref: 'ended-951', row: 3 },
      ])
      .execute();
    const next = await reopen(p);
    try {
      next.platform.services.imports.start();
      const started = Date.now();
      while ((await refsOf()) > 0 && Date.now() - started < 10_000) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await refsOf()).toBe(0);
      expect(await status(id, trc, next.app)).toMatchObject({ status: 'done', credited: 2 });
    } finally {
      await next.close();
    }
  });

  it('shows an import only to the agency that uploaded it', async () => {
    const id = (await importFile(csv([good(900, 'mine')]))).id;
    const person = await enrolPerson(p.app);
    const personKey = await personToken(p.app, person.id);
    for (const token of [khuangpao, personKey, ADMIN_TOKEN])
      for (const path of ['', '/errors', '/errors.csv']) {
        const res = await p.app.inject({ method: 'GET', url: `/api/v1/imports/${id}${path}`, headers: auth(token) });
        expectError(res, 404, 'import_not_found');
      }
    for (const bad of ['00000000-0000-7000-8000-000000000000', 'not-an-id', '..%2F..%2Fetc', 'x'.repeat(90)])
      expectError(await p.app.inject({ method: 'GET', url: `/api/v1/imports/${bad}`, headers: auth(trc) }), 404, 'import_not_found');
    const theirs = await p.app.inject({ method: 'GET', url: '/api/v1/imports', headers: auth(khuangpao) });
    expect(theirs.json<{ items: ImportView[] }>().items.map((i) => i.id)).not.toContain(id);
    const mine = await p.app.inject({ method: 'GET', url: '/api/v1/imports?limit=2', headers: auth(trc) });
    const items = mine.json<{ items: ImportView[] }>().items;
    expect(items[0]!.id).toBe(id);
    expect(items).toHaveLength(2);
    const older = await p.app.inject({ method: 'GET', url: `/api/v1/imports?limit=200&before=${items[1]!.id}`, headers: auth(trc) });
    expect(older.json<{ items: ImportView[] }>().items.every((i) => i.id < items[1]!.id)).toBe(true);
    expectError(await p.app.inject({ method: 'GET', url: '/api/v1/imports', headers: auth(personKey) }), 403, 'forbidden');
    expectError(await p.app.inject({ method: 'GET', url: `/api/v1/imports/${id}` }), 401, 'unauthenticated');
    // Only issuers upload.
    const ptt = await agencyToken(p.app, 'ptt');
    for (const token of [ptt, personKey, ADMIN_TOKEN]) expectError(await upload(token, csv([good(901, 'x')])), 403, 'forbidden');
    expectError(await p.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { 'content-type': 'text/csv' }, payload: 'a' }), 401, 'unauthenticated');
  });

  describe('refuses a bad file as a whole, storing nothing', () => {
    const header = HEADER.join(',');
    const row = () => good(950 + seq++, 'bad').join(',');
    const tis620 = Buffer.from([0xc8, 0xd9, 0xb9, 0xc2, 0xec]);
    const cases: Array<[string, () => Buffer | string, string, number, string, unknown?]> = [
      ['an empty body', () => '', 'text/csv', 400, 'import_empty'],
      ['a BOM and blank lines', () => '\ufeff\r\n\r\n', 'text/csv', 400, 'import_empty'],
      ['a header without rows', () => `${header}\n,,,,,,,\n`, 'text/csv', 400, 'import_empty'],
      ['an empty JSON Lines file', () => '\n  \n', 'application/x-ndjson', 400, 'import_empty'],
      [
        'an unknown and a missing column',
        () => `ref,national_id,indicator,name\n${row()}\n`,
        'text/csv',
        400,
        'import_bad_header',
        {
          line: 1,
          problems: [
            { problem: 'unknown_column', column: 4, name: 'name' },
            { problem: 'missing_column', name: 'occurred_at' },
          ],
        },
      ],
      [
        'a 10,000-column header',
        () => `${Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',')}\n${row()}\n`,
        'text/csv',
        400,
        'import_bad_header',
        { line: 1, problems: [{ problem: 'too_many_columns', count: 10_000, max: 64 }] },
      ],
      [
        'a header longer than a row may be',
        () => `${Array.from({ length: 10_000 }, (_, i) => `column_number_${i}`).join(',')}\n${row()}\n`,
        'text/csv',
        400,
        'import_bad_header',
        { line: 1, problems: [{ problem: 'unreadable', code: 'import_row_too_long' }] },
      ],
      ['a TIS-620 cell on line 3', () => Buffer.concat([Buffer.from(`${header}\n${row()}\n${row()}`), tis620, Buffer.from('\n')]), 'text/csv', 400, 'import_not_utf8', { line: 3 }],
      ['a UTF-16 file', () => Buffer.from(`\ufeff${header}\n${row()}\n`, 'utf16le'), 'text/csv', 400, 'import_not_utf8', { line: 1 }],
      ['a Windows-874 charset', () => `${header}\n${row()}\n`, 'text/csv; charset=windows-874', 400, 'import_not_utf8'],
      ['JSON', () => JSON.stringify({ items: [] }), 'application/json', 415, 'import_unsupported_format'],
      ['PDF', () => '%PDF-1.7', 'application/pdf', 415, 'import_unsupported_format'],
      ['XML without the exchange namespace', () => '<attestations/>', 'application/xml', 400, 'import_xml_root'],
      ['a file over the limit', () => `${header}\n${`${row()}\n`.repeat(Math.ceil(LIMIT / 50))}`, 'text/csv', 413, 'payload_too_large', { limit: LIMIT }],
    ];
    it.each(cases)('%s', async (_, body, type, code, error, details) => {
      const before = { ...(await allRowCounts(p.store.db)), imports: (await p.store.db.selectFrom('imports').select('id').execute()).length };
      const res = await upload(trc, body(), type);
      const e = expectError(res, code, error as never);
      if (details !== undefined) expect(e.details).toEqual(details);
      expect({ ...(await allRowCounts(p.store.db)), imports: (await p.store.db.selectFrom('imports').select('id').execute()).length }).toEqual(before);
      expect(spooled(p)).toEqual([]);
    });
  });

  it('refuses more waiting files than an agency may have, until they are processed', async () => {
    const waiting = (await p.store.db.selectFrom('imports').select('id').where('status', 'in', ['queued', 'running']).execute()).length;
    expect(waiting).toBe(0);
    for (let i = 0; i < 10; i++) expect((await upload(trc, csv([good(1200 + i, 'queue')]))).statusCode).toBe(202);
    expectError(await upload(trc, csv([good(1210, 'queue')])), 429, 'import_queue_full');
    // Another agency's queue is its own.
    expect((await upload(khuangpao, csv([['kq-1', '', people[0]!.id, 'khuangpao.village-meeting', day(2), '', '', '']]))).statusCode).toBe(202);
    await p.services.imports.runOnce();
    expect((await upload(trc, csv([good(1210, 'queue')]))).statusCode).toBe(202);
    await p.services.imports.runOnce();
  });

  it('fails an import whose file was lost, saying so, and keeps what it had done', async () => {
    const id = (await upload(trc, csv(Array.from({ length: 120 }, (_, i) => good(i + 1000, 'lost'))))).json<ImportView>().id;
    await p.services.imports.runOnce({ maxChunks: 1 });
    rmSync(join(p.dataDir, 'imports', `${id}.import`));
    await p.services.imports.runOnce();
    const failed = await status(id);
    expect(failed).toMatchObject({ status: 'failed', rowsRead: 50, credited: 50, error: { code: 'import_file_lost' } });
    expect(failed.error!.message.th).toMatch(/[\u0E00-\u0E7F]/);
  });
});

describe.each(DB_KINDS)('file imports with the runner on (%s)', (kind) => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform(kind, undefined, { imports: { maxErrors: 5, intervalMs: 20 } });
  });
  afterAll(async () => p?.cleanup());

  it('processes an upload in the background and caps the stored report, not the totals', async () => {
    const trc = await agencyToken(p.app, 'trc');
    const person = await enrolPerson(p.app);
    const rows = [[`bg-ok`, person.nationalId, 'trc.blood.plasma', '2026-05-01T09:00:00+07:00', 'D']];
    for (let i = 0; i < 8; i++) rows.push([`bg-${i}`, person.nationalId, 'trc.unknown', '2026-05-01T09:00:00+07:00', 'D']);
    const res = await p.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...auth(trc), 'content-type': 'text/csv' },
      payload: stringify([['ref', 'national_id', 'indicator', 'occurred_at', 'evidence_no'], ...rows]),
    });
    expect(res.statusCode, res.body).toBe(202);
    let view: ImportView;
    const started = Date.now();
    do {
      await new Promise((resolve) => setTimeout(resolve, 25));
      view = (await p.app.inject({ method: 'GET', url: `/api/v1/imports/${res.json<ImportView>().id}`, headers: auth(trc) })).json();
    } while (view.status !== 'done' && Date.now() - started < 10_000);
    expect(view).toMatchObject({ status: 'done', rowsRead: 9, credited: 1, failed: 8, errorCount: 5, errorsTruncated: true });
    const csvRes = await p.app.inject({ method: 'GET', url: `/api/v1/imports/${view.id}/errors.csv`, headers: auth(trc) });
    const lines = parse(csvRes.body, { bom: true, columns: true }) as ReportRow[];
    expect(lines.map((l) => l.code)).toEqual([...Array(5).fill('unknown_indicator'), 'import_errors_truncated']);
  });
});

/** Files waiting in the spool directory. */
const spooled = (p: TestPlatform) => readdirSync(join(p.dataDir, 'imports')).filter((f) => f !== 'location');

/** A second platform on the same storage as `p` (as after a restart), with its own runner. */
async function reopen(p: TestPlatform, imports: ImportOptions = {}): Promise<{ platform: Platform; app: FastifyInstance; close(): Promise<void> }> {
  const platform = await openPlatform({
    dataDir: p.dataDir,
    databaseUrl: p.databaseUrl,
    adminToken: ADMIN_TOKEN,
    clock: p.clock,
    secrets: p.secrets,
    sequencer: { autoStart: false },
    webhooks: { autoStart: false },
    imports: { autoStart: false, chunkRows: CHUNK, limitBytes: LIMIT, ...imports },
  });
  const app = await buildApp({ services: platform.services, db: platform.store.db, sessionSecret: platform.sessionSecret, now: () => p.clock.now() });
  return {
    platform,
    app,
    async close() {
      await app.close();
      await platform.close();
    },
  };
}
