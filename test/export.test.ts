// Export (access and portability), on SQLite and PostgreSQL: every stored field of every table that
// holds the person's rows, as JSON and as a readable Thai PDF. The schema test reads the database
// itself: a table added later with an account_id (or subject_hash) column fails it until it has its
// export section.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_SECTIONS } from '../src/services/export.js';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';
import { readPdf } from './support/pdf.js';

/** Columns that tie a row to a person. */
const PERSON_COLUMNS = ['account_id', 'subject_hash', 'identifier_hash'];

async function columnsByTable(p: TestPlatform): Promise<Map<string, string[]>> {
  const db = p.store.db;
  const out = new Map<string, string[]>();
  if (p.store.dialect === 'postgres') {
    const r = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = current_schema() and table_name not like 'kysely_%'
        -- A partition's rows are its parent's (credits by year): the parent is the table.
        and table_name not in (select relname from pg_class where relispartition)
      order by table_name, ordinal_position`.execute(db);
    for (const row of r.rows) out.set(row.table_name, [...(out.get(row.table_name) ?? []), row.column_name]);
  } else {
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'kysely_%' and name not like 'sqlite_%'`.execute(db);
    for (const t of tables.rows) {
      const cols = await sql<{ name: string }>`select name from pragma_table_info(${t.name})`.execute(db);
      out.set(
        t.name,
        cols.rows.map((c) => c.name),
      );
    }
  }
  return out;
}

describe.each(DB_KINDS)('export (%s)', (kind) => {
  let p: TestPlatform;
  let me: { id: string; nationalId: string; token: string };
  let exported: { format: string; accountId: string; sections: Record<string, Array<Record<string, unknown>>> };

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-11-20T03:00:00Z'), { webhooks: { autoStart: false } });
    const trc = await agencyToken(p.app, 'trc');
    const ptt = await agencyToken(p.app, 'ptt');
    const enrolled = await enrolPerson(p.app, { consents: ['enrolment', 'health', 'statistics'] });
    me = { ...enrolled, token: await personToken(p.app, enrolled.id) };
    for (const [i, d] of ['2026-01-10', '2026-05-10', '2026-09-10'].entries()) {
      const r = await attest(p.app, trc, {
        ref: `ex-${i}`,
        subject: { accountId: me.id },
        indicator: 'trc.blood.red-cell',
        occurredAt: `${d}T09:00:00+07:00`,
        evidence: { donationNo: `EX-${i}` },
      });
      expect(r.json().status).toBe('credited');
    }
    await p.sequencer.integrateOnce();
    const voucher = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${me.id}/redemptions`,
      headers: auth(me.token),
      payload: { privilege: 'ptt.bluepoints', requestKey: 'ex-voucher-1' },
    });
    expect(voucher.statusCode).toBe(201);
    const token = (
      await p.app.inject({ method: 'POST', url: `/api/v1/accounts/${me.id}/eligibility-tokens`, headers: auth(me.token), payload: { privilege: 'ptt.fuel-3' } })
    ).json().token;
    expect((await p.app.inject({ method: 'POST', url: '/api/v1/partner/eligibility/verify', headers: auth(ptt), payload: { token } })).statusCode).toBe(200);
    expect((await p.app.inject({ method: 'DELETE', url: `/api/v1/accounts/${me.id}/consents/statistics`, headers: auth(me.token) })).statusCode).toBe(200);
    expect((await p.app.inject({ method: 'POST', url: `/api/v1/accounts/${me.id}/card`, headers: auth(me.token), payload: { replaces: 1 } })).statusCode).toBeLessThan(300);
    expect((await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/score`, headers: auth(ADMIN_TOKEN, 'audit') })).statusCode).toBe(200);
    // A web session of the person, and one of someone with a nearly equal hash.
    const account = await p.store.db.selectFrom('accounts').select('identifier_hash').where('id', '=', me.id).executeTakeFirstOrThrow();
    const hash = account.identifier_hash!;
    const lookalike = `${hash.slice(0, -1)}${hash.endsWith('_') ? 'x' : '_'}`;
    const session = (subjectHash: string, id: string) => ({
      id_hash: id,
      data: JSON.stringify({ identity: { subjectHash, pidHint: '0000' } }),
      expires_at: '2027-01-01T00:00:00.000Z',
    });
    await p.store.db
      .insertInto('sessions')
      .values([session(hash, 'sess-mine'), session(lookalike, 'sess-other')])
      .execute();
    const res = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/export`, headers: auth(me.token) });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    exported = res.json();
  }, 60_000);
  afterAll(async () => p?.cleanup());

  it('covers every table that holds rows of a person (read from the schema itself)', async () => {
    const exportedTables = new Set(EXPORT_SECTIONS.flatMap((s) => s.tables));
    const personTables = [...(await columnsByTable(p))].filter(([table, cols]) => table === 'accounts' || cols.some((c) => PERSON_COLUMNS.includes(c))).map(([t]) => t);
    expect(personTables.length).toBeGreaterThan(10);
    expect(personTables.filter((t) => !exportedTables.has(t))).toEqual([]);
    // And every section names a real table.
    const all = await columnsByTable(p);
    expect([...exportedTables].filter((t) => !all.has(t))).toEqual([]);
  });

  it('holds every stored field of every row of the person, as stored', async () => {
    expect(exported).toMatchObject({ format: 'khwamdee-export/1', accountId: me.id });
    const columns = await columnsByTable(p);
    for (const section of EXPORT_SECTIONS) {
      const rows = exported.sections[section.name];
      expect(rows, section.name).toBeDefined();
      for (const row of rows!) expect(Object.keys(row).sort(), section.name).toEqual([...columns.get(section.tables[0]!)!].sort());
    }
    const account = await p.store.db.selectFrom('accounts').selectAll().where('id', '=', me.id).executeTakeFirstOrThrow();
    // As stored, with the name (stored sealed under the person's key, column left empty) opened for them to read.
    expect(account.display_name).toBe('');
    expect(exported.sections.accounts).toEqual([{ ...account, display_name: 'สมชาย ใจดี' }]);
    const counts = Object.fromEntries(Object.entries(exported.sections).map(([k, v]) => [k, v.length]));
    expect(counts).toMatchObject({
      accounts: 1,
      attestations: 3,
      credits: 3,
      redemptions: 1,
      debits: 1,
      account_cards: 1,
      eligibility_tokens: 1,
      used_tokens: 1,
      api_keys: 1,
      consents: 4,
      consent_receipts: 2,
      sessions: 1,
    });
    expect(exported.sections.sessions![0]!.id_hash).toBe('sess-mine');
    // The credits' and voucher's public log entries; the access log with the assisted enrolment, the partner check and the staff read.
    expect(exported.sections.log_entries!.length).toBe(4);
    expect(exported.sections.access_log!.map((r) => r.purpose)).toEqual(['assisted_enrolment', 'eligibility_check', 'audit']);
    // Stored forms only: the national ID appears nowhere in clear.
    expect(JSON.stringify(exported)).not.toContain(me.nationalId);
  });

  it('renders a readable Thai PDF of the same data', async () => {
    const res = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${me.id}/export.pdf`, headers: auth(me.token) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pages = await readPdf(res.rawPayload);
    // pdfjs reads ำ back as ำา (its glyph's own text plus the า it is drawn with).
    const text = pages
      .map((pg) => pg.text)
      .join(' ')
      .replace(/\u0e33\u0e32/g, '\u0e33');
    for (const expected of ['ข้อมูลของฉัน', 'สมชาย', 'ความยินยอม', 'สถิติสาธารณะ', 'trc.blood.red-cell', 'ptt.bluepoints', 'ตรวจสอบสิทธิ์', 'พ.ศ. 2569'])
      expect(text.replace(/\s+/g, ''), expected).toContain(expected.replace(/\s+/g, ''));
    expect(text).not.toContain(me.nationalId);
  });

  it('is the person’s alone', async () => {
    const other = await enrolPerson(p.app);
    const otherToken = await personToken(p.app, other.id);
    for (const url of [`/api/v1/accounts/${me.id}/export`, `/api/v1/accounts/${me.id}/export.pdf`])
      for (const token of [otherToken, ADMIN_TOKEN]) expect((await p.app.inject({ method: 'GET', url, headers: auth(token) })).statusCode).toBe(404);
  });
});
