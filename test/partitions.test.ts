// Credits partitioned by Bangkok year on PostgreSQL (migration 0018, store/partitions): each credit
// lands in its year's partition, a deed on New Year's first minute finds its partition already made
// (and one for a year without a partition waits in the default partition until the loop moves it),
// a database migrated while holding credits keeps every row and every uniqueness, and the flows
// around a year's turn answer the same on SQLite, which is not partitioned.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openPostgres } from '../src/store/database.js';
import { migrate } from '../src/store/migrations.js';
import { creditsRepo } from '../src/store/repos/attestations.js';
import { ensureCreditPartitions, ensureCreditPartitionsAtStart, partitionYearsAround } from '../src/store/partitions.js';
import type { CreditsTable, Database } from '../src/store/schema.js';
import { openPlatform } from '../src/platform.js';
import { fixedClock } from '../src/adapters/clock.js';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type DbKind, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken, scoreOf } from './support/helpers.js';
import { createDatabase, dropDatabase } from './support/postgres.js';

type Db = Kysely<Database>;

/** The partitions of `credits`, by name, each with the bound PostgreSQL holds for it. */
async function partitions(db: Db): Promise<Record<string, string>> {
  const r = await sql<{ name: string; bound: string }>`
    select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound
    from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'credits'::regclass`.execute(db);
  return Object.fromEntries(r.rows.map((x) => [x.name, x.bound]));
}

/** The partition each credit is stored in, by credit id. */
async function partitionOf(db: Db): Promise<Record<string, string>> {
  const r = await sql<{ id: string; part: string }>`select id, tableoid::regclass::text as part from credits`.execute(db);
  return Object.fromEntries(r.rows.map((x) => [x.id, x.part]));
}

/** Credits whose year is not their attestation's: must be none, or (attestation_id, year) unique would not mean one credit per deed. */
async function yearMismatches(db: Db): Promise<number> {
  const r = await sql<{ n: string }>`select count(*) as n from credits c join attestations a on a.id = c.attestation_id where c.year <> a.year`.execute(db);
  return Number(r.rows[0]!.n);
}

const creditRow = (id: string, attestationId: string, year: number, points = 10): CreditsTable => ({
  id,
  attestation_id: attestationId,
  account_id: `acc-${attestationId}`,
  indicator_code: 'trc.blood.red-cell',
  equivalence_group: 'blood-donation',
  domain: 'health',
  year,
  bangkok_day: `${year}-03-01`,
  occurred_at: `${year}-03-01T02:00:00.000Z`,
  points,
  rule_version: 1,
  issuer_code: 'trc',
  certifier_code: null,
  created_at: `${year}-03-01T03:00:00.000Z`,
  points_requested: null,
  cut_reason: null,
});

const uniqueViolation = { code: '23505' };

describe.each(DB_KINDS)("credits across a year's turn (%s)", (kind: DbKind) => {
  let p: TestPlatform;
  let trc: string;
  let nongsarai: string;
  let seq = 0;
  // 23:58 on 31 December 2026 in Bangkok.
  const newYearsEve = new Date('2026-12-31T16:58:00Z');

  beforeAll(async () => {
    p = await openTestPlatform(kind, newYearsEve, { sequencer: { autoStart: false }, webhooks: { autoStart: false }, imports: { autoStart: false } });
    trc = await agencyToken(p.app, 'trc');
    nongsarai = await agencyToken(p.app, 'nongsarai');
  });
  afterAll(async () => p?.cleanup());

  const donation = async (accountId: string, occurredAt: string) => {
    const r = await attest(p.app, trc, { ref: `py-${++seq}`, subject: { accountId }, indicator: 'trc.blood.red-cell', occurredAt, evidence: { donationNo: `PY-${seq}` } });
    expect(r.json().status, r.body).toBe('credited');
    return r.json<{ id: string; credit: { year: number } }>();
  };

  it("credits each deed to its own year, the first minute of January included, and certifies a December deed into December's year", async () => {
    if (kind === 'postgres') {
      // Made at start from the clock: last year, this year and next year, and the default partition.
      expect(await partitions(p.store.db)).toEqual({
        credits_default: 'DEFAULT',
        credits_y2025: 'FOR VALUES FROM (2025) TO (2026)',
        credits_y2026: 'FOR VALUES FROM (2026) TO (2027)',
        credits_y2027: 'FOR VALUES FROM (2027) TO (2028)',
      });
    }
    const december = await enrolPerson(p.app);
    const january = await enrolPerson(p.app);
    const village = await enrolPerson(p.app, { areaCode: '710911' });
    const villageToken = await personToken(p.app, village.id);
    const dec = await donation(december.id, '2026-12-31T23:57:00+07:00');
    expect(dec.credit.year).toBe(2026);
    const decl = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${village.id}/declarations`,
      headers: auth(villageToken),
      payload: { ref: 'py-decl', indicator: 'nongsarai.gratitude.1', occurredAt: '2026-12-31T23:50:00+07:00' },
    });
    expect(decl.statusCode, decl.body).toBe(201);

    // New Year in Bangkok: no process has run since 23:58.
    p.clock.set(new Date('2026-12-31T17:02:00Z'));
    const jan = await donation(january.id, '2027-01-01T00:01:00+07:00');
    expect(jan.credit.year).toBe(2027);
    // Certified in January, credited to the deed's year.
    const certified = await p.app.inject({ method: 'POST', url: `/api/v1/attestations/${decl.json().id}/certify`, headers: auth(nongsarai), payload: { decision: 'approve' } });
    expect(certified.json(), certified.body).toMatchObject({ status: 'credited', credit: { year: 2026 } });

    expect((await scoreOf(p.app, december.id, 2026)).points).toBe(70);
    expect((await scoreOf(p.app, january.id, 2027)).points).toBe(70);
    expect((await scoreOf(p.app, january.id, 2026)).points).toBe(0);

    // A credit found by its id alone (no year given): the reversal and the staff view.
    const credits = await p.store.db.selectFrom('credits').select(['id', 'attestation_id', 'year']).execute();
    expect(credits).toHaveLength(3);
    const janCredit = credits.find((c) => c.attestation_id === jan.id)!;
    await p.sequencer.catchUp();
    expect((await p.app.inject({ method: 'GET', url: `/api/v1/credits/${janCredit.id}`, headers: auth(trc) })).json()).toMatchObject({ id: janCredit.id, points: 70 });
    const reversed = await p.app.inject({
      method: 'POST',
      url: `/api/v1/credits/${janCredit.id}/reversal`,
      headers: auth(trc),
      payload: { reason: 'wrong_person', text: 'บันทึกผิดคน' },
    });
    expect(reversed.statusCode, reversed.body).toBe(201);
    expect((await scoreOf(p.app, january.id, 2027)).points).toBe(0);
    await p.sequencer.catchUp();
    expect((await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${january.id}/credits?year=2027`, headers: auth(ADMIN_TOKEN) })).json().items).toHaveLength(1);

    expect(await yearMismatches(p.store.db)).toBe(0);
    if (kind === 'postgres') {
      const where = await partitionOf(p.store.db);
      expect(Object.fromEntries(credits.map((c) => [c.id, where[c.id]]))).toEqual(Object.fromEntries(credits.map((c) => [c.id, `credits_y${c.year}`])));
    }
    // The loop's pass in the new year makes the year after it; on SQLite there is nothing to make.
    expect(await ensureCreditPartitions(p.store.db, p.store.dialect, partitionYearsAround(p.clock.now()))).toEqual(kind === 'postgres' ? [2028] : []);
    expect(await ensureCreditPartitions(p.store.db, p.store.dialect, partitionYearsAround(p.clock.now()))).toEqual([]);
  });
});

describe('a deed of a year that has no partition yet (postgres)', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform('postgres', new Date('2026-06-15T03:00:00Z'), { sequencer: { autoStart: false }, webhooks: { autoStart: false }, imports: { autoStart: false } });
  });
  afterAll(async () => p?.cleanup());

  it('is credited into the default partition, then moved into its own by the next pass, unique still', async () => {
    const trc = await agencyToken(p.app, 'trc');
    const person = await enrolPerson(p.app);
    // Eighteen months on, and no pass of the partition loop in between: 2028 has no partition.
    p.clock.set(new Date('2028-01-02T03:00:00Z'));
    const r = await attest(p.app, trc, {
      ref: 'np-1',
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2028-01-02T09:00:00+07:00',
      evidence: { donationNo: 'NP-1' },
    });
    expect(r.json(), r.body).toMatchObject({ status: 'credited', credit: { year: 2028 } });
    const credit = await p.store.db.selectFrom('credits').selectAll().executeTakeFirstOrThrow();
    expect(Object.values(await partitionOf(p.store.db))).toEqual(['credits_default']);

    // Two nodes passing at once: each missing partition is made once, by one of them.
    const made = await Promise.all([1, 2].map(() => ensureCreditPartitions(p.store.db, 'postgres', partitionYearsAround(p.clock.now()))));
    expect(made.sort((a, b) => b.length - a.length)).toEqual([[2028, 2029], []]);
    expect(Object.keys(await partitions(p.store.db)).sort()).toEqual(['credits_default', 'credits_y2025', 'credits_y2026', 'credits_y2027', 'credits_y2028', 'credits_y2029']);
    expect(await partitionOf(p.store.db)).toEqual({ [credit.id]: 'credits_y2028' });
    expect(await p.store.db.selectFrom('credits').selectAll().execute()).toEqual([credit]);
    expect((await scoreOf(p.app, person.id, 2028)).points).toBe(70);
    // The moved row kept its uniqueness: a second credit for the deed, or with its id, is refused.
    await expect(
      p.store.db
        .insertInto('credits')
        .values({ ...credit, id: 'other-id' })
        .execute(),
    ).rejects.toMatchObject(uniqueViolation);
    await expect(
      p.store.db
        .insertInto('credits')
        .values({ ...credit, attestation_id: 'other-deed' })
        .execute(),
    ).rejects.toMatchObject(uniqueViolation);
    // A replay of the deed answers the same credit.
    const again = await attest(p.app, trc, {
      ref: 'np-1',
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2028-01-02T09:00:00+07:00',
      evidence: { donationNo: 'NP-1' },
    });
    expect(again.json()).toMatchObject({ status: 'credited', credit: { year: 2028, points: 70 } });
    expect(await p.store.db.selectFrom('credits').select('id').execute()).toHaveLength(1);
  });
});

describe('a start while credits are being read at length (postgres)', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform('postgres', new Date('2026-06-15T03:00:00Z'), { sequencer: { autoStart: false }, webhooks: { autoStart: false }, imports: { autoStart: false } });
  });
  afterAll(async () => p?.cleanup());

  it('gives up the missing partition after the lock timeout, logs it and starts; the next pass makes it', async () => {
    const reader = new pg.Client({ connectionString: p.databaseUrl });
    await reader.connect();
    const logged: unknown[] = [];
    try {
      // An open transaction that has read every partition, the default one included.
      await reader.query('begin');
      await reader.query('select count(*) from credits');
      const started = Date.now();
      await ensureCreditPartitionsAtStart(p.store.db, 'postgres', new Date('2029-03-01T03:00:00Z'), ({ err }) => logged.push(err));
      expect(Date.now() - started).toBeGreaterThanOrEqual(4_500);
      expect(logged).toMatchObject([{ code: '55P03' }]);
      expect(Object.keys(await partitions(p.store.db))).not.toContain('credits_y2029');
    } finally {
      await reader.query('rollback');
      await reader.end();
    }
    expect(await ensureCreditPartitions(p.store.db, 'postgres', partitionYearsAround(new Date('2029-03-01T03:00:00Z')))).toEqual([2028, 2029, 2030]);
  }, 30_000);
});

describe('migration 0018 on a database holding credits (postgres)', () => {
  const name = `pm_${randomBytes(6).toString('hex')}`;
  let db: Db;
  let url: string;
  beforeAll(async () => {
    url = await createDatabase(inject('pgUrl'), name);
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 3 }) }) });
  });
  afterAll(async () => {
    await db?.destroy();
    await dropDatabase(inject('pgUrl'), name);
  });

  it('moves every row into its year, keeps the primary key, one credit per deed and the indexes, and finds a credit by id through an index', async () => {
    await migrate(db as Kysely<unknown>, 'postgres', '0016_exchange');
    const rows = [2024, 2024, 2025, 2026, 2026, 2026].map((y, i) => creditRow(`c-${i}`, `a-${i}`, y, 10 + i));
    await db.insertInto('credits').values(rows).execute();
    const before = await db.selectFrom('credits').selectAll().orderBy('id').execute();

    await migrate(db as Kysely<unknown>, 'postgres');

    const kind = await sql<{ relkind: string }>`select relkind from pg_class where oid = 'credits'::regclass`.execute(db);
    expect(kind.rows[0]!.relkind).toBe('p');
    expect(await db.selectFrom('credits').selectAll().orderBy('id').execute()).toEqual(before);
    expect(await partitions(db)).toEqual({
      credits_default: 'DEFAULT',
      credits_y2024: 'FOR VALUES FROM (2024) TO (2025)',
      credits_y2025: 'FOR VALUES FROM (2025) TO (2026)',
      credits_y2026: 'FOR VALUES FROM (2026) TO (2027)',
    });
    expect(await partitionOf(db)).toEqual(Object.fromEntries(rows.map((r) => [r.id, `credits_y${r.year}`])));
    const old = await sql<{ t: string | null }>`select to_regclass('credits_unpartitioned')::text as t`.execute(db);
    expect(old.rows[0]!.t).toBeNull();

    const indexes = await sql<{ name: string; def: string }>`select indexname as name, indexdef as def from pg_indexes where tablename = 'credits' order by indexname`.execute(db);
    expect(indexes.rows.map((r) => r.name)).toEqual(['credits_account_indicator', 'credits_account_year_domain', 'credits_attestation_id_key', 'credits_pkey']);
    expect(indexes.rows.find((r) => r.name === 'credits_pkey')!.def).toContain('(id, year)');
    expect(indexes.rows.find((r) => r.name === 'credits_attestation_id_key')!.def).toContain('UNIQUE');

    // A second credit for a deed, a reused id: refused after the move as before it.
    await expect(
      db
        .insertInto('credits')
        .values(creditRow('c-new', 'a-3', 2026))
        .execute(),
    ).rejects.toMatchObject(uniqueViolation);
    await expect(
      db
        .insertInto('credits')
        .values(creditRow('c-3', 'a-new', 2026))
        .execute(),
    ).rejects.toMatchObject(uniqueViolation);
    // New rows go to their year, and to the default partition for a year without one.
    await db
      .insertInto('credits')
      .values([creditRow('c-6', 'a-6', 2026), creditRow('c-7', 'a-7', 2031)])
      .execute();
    expect(await partitionOf(db)).toMatchObject({ 'c-6': 'credits_y2026', 'c-7': 'credits_default' });

    // Every partition answers a lookup by id alone from an index (its primary key's leading column):
    // with sequential scans priced out, a partition without such an index would still show one.
    const plan = await db.connection().execute(async (c) => {
      await sql`set enable_seqscan = off`.execute(c);
      return sql<{ 'QUERY PLAN': string }>`explain select * from credits where id = ${'c-3'}`.execute(c);
    });
    const text = plan.rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(text).not.toContain('Seq Scan');
    for (const part of ['credits_y2024', 'credits_y2025', 'credits_y2026', 'credits_default']) expect(text).toContain(`on ${part}`);

    // A platform opened on the migrated database makes its years' partitions, and one for the year
    // found in the default partition, whose row it moves there.
    const dataDir = mkdtempSync(join(tmpdir(), 'khwamdee-partitions-'));
    const platform = await openPlatform({
      dataDir,
      databaseUrl: url,
      adminToken: ADMIN_TOKEN,
      clock: fixedClock(new Date('2026-06-15T03:00:00Z')),
      sequencer: { autoStart: false },
      webhooks: { autoStart: false },
      imports: { autoStart: false },
    });
    try {
      expect(Object.keys(await partitions(platform.store.db)).sort()).toEqual([
        'credits_default',
        'credits_y2024',
        'credits_y2025',
        'credits_y2026',
        'credits_y2027',
        'credits_y2031',
      ]);
      expect(await partitionOf(platform.store.db)).toMatchObject({ 'c-6': 'credits_y2026', 'c-7': 'credits_y2031' });
      expect(await platform.store.db.selectFrom('credits').select('id').execute()).toHaveLength(8);
    } finally {
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the transparency log stays one table (postgres)', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await openTestPlatform('postgres', new Date('2026-06-15T03:00:00Z'), { sequencer: { autoStart: false }, webhooks: { autoStart: false }, imports: { autoStart: false } });
  });
  afterAll(async () => p?.cleanup());

  it('keeps leaf_index unique over the whole log (docs/ARCHITECTURE.md says why it is not partitioned)', async () => {
    const kind = await sql<{ relkind: string }>`select relkind from pg_class where oid = 'log_entries'::regclass`.execute(p.store.db);
    expect(kind.rows[0]!.relkind).toBe('r');
    const entry = (seq: number) => ({ kind: 'credit', ref_id: `r-${seq}`, leaf: `leaf-${seq}`, created_at: '2026-06-15T03:00:00.000Z', leaf_index: 0 });
    await p.store.db.insertInto('log_entries').values(entry(1)).execute();
    await expect(p.store.db.insertInto('log_entries').values(entry(2)).execute()).rejects.toMatchObject(uniqueViolation);
  });
});

describe("a year's reads plan one partition (postgres)", () => {
  let url: string;
  const name = `kd_prune_${randomBytes(4).toString('hex')}`;
  beforeAll(async () => {
    url = await createDatabase(inject('pgUrl'), name);
  });
  afterAll(async () => dropDatabase(inject('pgUrl'), name));

  it("keeps the named statement's plan (the one reused after five calls) to that year's partition, pruned when planned", async () => {
    const store = await openPostgres(url, { poolMax: 2 });
    try {
      await ensureCreditPartitions(store.db, 'postgres', [2025, 2026, 2027]);
      // One connection throughout, so the statements named on it are the ones looked at.
      await store.db.connection().execute(async (conn) => {
        for (let i = 0; i < 6; i++) {
          expect(await creditsRepo.byDomain(conn, `acc-${i}`, 2026)).toEqual([]);
          expect(await creditsRepo.yearEarned(conn, `acc-${i}`, 2026)).toBe(0);
          expect(await creditsRepo.coreAndYear(conn, `acc-${i}`, 2026)).toBeUndefined();
        }
        const named = await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements where statement like '%"credits"%'`.execute(conn);
        expect(named.rows.length).toBeGreaterThanOrEqual(3);
        await sql`set plan_cache_mode = force_generic_plan`.execute(conn);
        for (const s of named.rows) {
          expect(s.statement).toContain('"year" = 2026');
          const plan = (await sql<{ 'QUERY PLAN': string }>`explain execute ${sql.raw(s.name)}('acc-x')`.execute(conn)).rows.map((r) => r['QUERY PLAN']).join('\n');
          expect(plan).toContain('credits_y2026');
          expect(plan).not.toMatch(/credits_y2025|credits_y2027|credits_default|Subplans Removed/);
        }
      });
    } finally {
      await store.close();
    }
  });
});
