// The committee's approval workflow end to end on SQLite and PostgreSQL: what an agency writes is only
// proposed, credits follow the committee's decision (never retroactively), a local authority stays in
// its own area, and only the committee decides — never on its own proposal, and once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { fixedClock } from '../src/adapters/clock.js';
import { generateSecrets } from '../src/adapters/secrets.js';
import { TRC_INDICATORS, DSD_INDICATORS } from '../src/core/seed/indicators.js';
import { buildApp } from '../src/http/app.js';
import { openPlatform } from '../src/platform.js';
import { migrate } from '../src/store/migrations.js';
import { seedReferenceData } from '../src/store/seed.js';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { createDatabase, dropDatabase } from './support/postgres.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';
import { expectError, expectRejectedWithoutWrites, type InjectedResponse } from './support/bad-input.js';
import type { ErrorCode } from '../src/core/errors.js';

type Json = Record<string, unknown>;

const NOW = new Date('2027-02-01T03:00:00Z');
const DAY = 86_400_000;

const seedRule = (code: string): Json => {
  const rule = [...TRC_INDICATORS, ...DSD_INDICATORS].find((i) => i.code === code);
  if (!rule) throw new Error(`no seed rule ${code}`);
  return { ...rule } as Json;
};

const localRule = (code: string, area = '500204', over: Json = {}): Json => ({
  code,
  name: { th: 'ปลูกต้นไม้ในชุมชน', en: 'Community tree planting' },
  domain: 'environment',
  accountKinds: ['person'],
  owner: { kind: 'local', agency: 'khuangpao', area },
  unit: 'occurrence',
  points: 15,
  certification: 'auto',
  ...over,
});

const privilege = (code: string, partner: string): Json => ({
  code,
  partner,
  name: { th: 'ส่วนลดร้านค้าชุมชน', en: 'Community shop discount' },
  category: 'discount',
  kind: 'threshold',
  criteria: { minScore: 100 },
  nationwide: true,
  validFrom: '2027-01-01T00:00:00+07:00',
  validUntil: '2028-01-01T00:00:00+07:00',
});

describe.each(DB_KINDS)('committee approvals (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let dsd: string;
  let ptt: string;
  let khuangpao: string;
  let committee: string;
  let seq = 0;

  beforeAll(async () => {
    p = await openTestPlatform(kind, NOW);
    trc = await agencyToken(p.app, 'trc');
    dsd = await agencyToken(p.app, 'dsd');
    ptt = await agencyToken(p.app, 'ptt');
    khuangpao = await agencyToken(p.app, 'khuangpao');
    committee = await agencyToken(p.app, 'committee');
  });
  afterAll(async () => p?.cleanup());

  const later = (days: number) => p.clock.set(new Date(p.clock.now().getTime() + days * DAY));
  const iso = (offsetMs = 0) => new Date(p.clock.now().getTime() + offsetMs).toISOString();
  const define = (token: string, definition: Json, effectiveFrom?: string) =>
    p.app.inject({ method: 'POST', url: '/api/v1/indicators', headers: auth(token), payload: { definition, ...(effectiveFrom ? { effectiveFrom } : {}) } });
  const revise = (token: string, code: string, definition: Json, effectiveFrom = iso()) =>
    p.app.inject({ method: 'PUT', url: `/api/v1/indicators/${code}`, headers: auth(token), payload: { definition, effectiveFrom } });
  const decideVersion = (token: string, code: string, version: number, decision: 'approve' | 'refuse', payload?: Json) =>
    p.app.inject({ method: 'POST', url: `/api/v1/indicators/${code}/versions/${version}/${decision}`, headers: auth(token), ...(payload ? { payload } : {}) });
  const decidePrivilege = (token: string, code: string, decision: 'approve' | 'refuse', payload?: Json) =>
    p.app.inject({ method: 'POST', url: `/api/v1/privileges/${code}/${decision}`, headers: auth(token), ...(payload ? { payload } : {}) });
  const queue = async (token = committee) => {
    const res = await p.app.inject({ method: 'GET', url: '/api/v1/committee/proposals', headers: auth(token) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Array<Json & { type: string; code: string; proposedAt: string }> }>().items;
  };
  const indicatorOf = (code: string, token?: string) => p.app.inject({ method: 'GET', url: `/api/v1/indicators/${code}`, ...(token ? { headers: auth(token) } : {}) });
  const catalogueCodes = async () => (await p.app.inject({ method: 'GET', url: '/api/v1/indicators' })).json<{ items: Array<{ code: string }> }>().items.map((i) => i.code);
  const plasmaDeed = (accountId: string, occurredAt: string) =>
    attest(p.app, trc, { ref: `cm-${++seq}`, subject: { accountId }, indicator: 'trc.blood.plasma', occurredAt, evidence: { donationNo: `P-${seq}` } });
  const refused = (send: () => Promise<InjectedResponse>, status: number, code: ErrorCode) => expectRejectedWithoutWrites(p.store.db, send, status, code);

  it('seeds the tripartite committee as an agency, also into a database that existed before it', async () => {
    const agencies = (await p.app.inject({ method: 'GET', url: '/api/v1/agencies' })).json<{ items: Array<{ code: string; roles: string[]; name: { th: string } }> }>().items;
    expect(agencies.find((a) => a.code === 'committee')).toMatchObject({ roles: ['committee'], name: { th: 'คณะกรรมการความดีแห่งชาติ (ไตรภาคี: รัฐ เอกชน ประชาสังคม)' } });
    // A database seeded before the committee agency existed gets it on the next start.
    await p.store.db.deleteFrom('agencies').where('code', '=', 'committee').execute();
    await seedReferenceData(p.store.db, p.clock.now());
    const row = await p.store.db.selectFrom('agencies').selectAll().where('code', '=', 'committee').executeTakeFirstOrThrow();
    expect(JSON.parse(row.roles)).toEqual(['committee']);
    // The restored row still carries the committee's key, and nothing waits yet.
    expect(await queue(committee)).toEqual([]);
  });

  it('keeps an agency’s new indicator out of force until the committee approves it, then credits it', async () => {
    const code = 'khuangpao.tree-planting';
    const proposed = await define(khuangpao, localRule(code));
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json()).toMatchObject({
      code,
      version: 1,
      status: 'proposed',
      proposedBy: { kind: 'agency', agency: 'khuangpao' },
      decidedBy: null,
      decidedAt: null,
      refusalReason: null,
    });

    // Not in the public catalogue, not visible to the public or to another agency; visible to its owner and the committee.
    expect(await catalogueCodes()).not.toContain(code);
    expectError(await indicatorOf(code), 404, 'indicator_not_found');
    expectError(await indicatorOf(code, trc), 404, 'indicator_not_found');
    expect((await indicatorOf(code, khuangpao)).json()).toMatchObject({ status: 'proposed', versions: [{ version: 1, status: 'proposed' }] });
    expect((await indicatorOf(code, committee)).json()).toMatchObject({ status: 'proposed' });

    // Attesting it stores nothing: its own issuer is told it waits for the committee, another issuer learns nothing.
    const person = await enrolPerson(p.app);
    const deed = { ref: `tree-${person.id}`, subject: { accountId: person.id }, indicator: code, occurredAt: iso() };
    const waiting = await refused(() => attest(p.app, khuangpao, deed), 422, 'indicator_not_approved');
    expect(waiting.details).toEqual({ indicator: code });
    await refused(() => attest(p.app, trc, deed), 422, 'unknown_indicator');

    later(1);
    const approved = await decideVersion(committee, code, 1, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'approved',
      decidedBy: { kind: 'agency', agency: 'committee' },
      decidedAt: iso(),
      // Asked for "now" a day ago: it takes effect at the approval, not before.
      requestedEffectiveFrom: new Date(p.clock.now().getTime() - DAY).toISOString(),
      effectiveFrom: iso(),
    });
    expect(await catalogueCodes()).toContain(code);
    expect((await indicatorOf(code)).json()).toMatchObject({ status: 'approved', points: 15 });

    const credited = await attest(p.app, khuangpao, { ...deed, ref: `tree2-${person.id}`, occurredAt: iso() });
    expect(credited.statusCode, credited.body).toBe(201);
    expect(credited.json()).toMatchObject({ status: 'credited', credit: { points: 15, year: 2027 } });
  });

  it('does not change credits for an agency’s points change until it is approved, and never before the approval', async () => {
    later(1);
    const asked = iso(DAY);
    const proposed = await revise(trc, 'trc.blood.plasma', { ...seedRule('trc.blood.plasma'), points: 90 }, asked);
    expect(proposed.statusCode, proposed.body).toBe(201);
    expect(proposed.json()).toMatchObject({ version: 2, status: 'proposed', points: 90, requestedEffectiveFrom: asked });

    // Past its requested date, still not approved: the old points apply.
    later(4);
    const [a, b, c] = [await enrolPerson(p.app), await enrolPerson(p.app), await enrolPerson(p.app)];
    expect((await plasmaDeed(a.id, iso(-DAY))).json().credit).toMatchObject({ points: 70, year: 2027 });

    const item = (await queue()).find((i) => i.code === 'trc.blood.plasma');
    expect(item).toMatchObject({
      type: 'indicator_version',
      version: 2,
      ownerAgency: { code: 'trc', name: { th: 'สภากาชาดไทย', en: 'Thai Red Cross Society' } },
      proposedBy: { kind: 'agency', agency: 'trc' },
      requestedEffectiveFrom: asked,
      effectiveIfApprovedNow: iso(),
      previous: { version: 1, points: 70, caps: { minIntervalDays: 14 } },
      proposed: { version: 2, points: 90, caps: { minIntervalDays: 14 }, status: 'proposed' },
      changes: ['points'],
    });

    const approved = await decideVersion(ADMIN_TOKEN, 'trc.blood.plasma', 2, 'approve');
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { kind: 'admin' }, requestedEffectiveFrom: asked, effectiveFrom: iso() });
    expect((await queue()).find((i) => i.code === 'trc.blood.plasma')).toBeUndefined();

    // A deed of yesterday keeps the old points (no retroactive change); one after the approval gets the new.
    expect((await plasmaDeed(b.id, iso(-DAY))).json().credit).toMatchObject({ points: 70, year: 2027 });
    later(1);
    const after = await plasmaDeed(c.id, iso(-DAY / 2));
    expect(after.json()).toMatchObject({ status: 'credited', credit: { points: 90, year: 2027 } });
    const detail = (await indicatorOf('trc.blood.plasma')).json<{ points: number; version: number; versions: Array<{ version: number }> }>();
    expect(detail).toMatchObject({ version: 2, points: 90 });
    expect(detail.versions.map((v) => v.version)).toEqual([1, 2]);
  });

  it('keeps the version in force when the committee refuses a change, and tells the owner why', async () => {
    const code = 'dsd.skills.standard-test';
    const v2 = await revise(dsd, code, { ...seedRule(code), points: 80, caps: { maxPerYear: 6 } });
    expect(v2.json()).toMatchObject({ version: 2, status: 'proposed' });
    const item = (await queue()).find((i) => i.code === code);
    expect(item).toMatchObject({ previous: { points: 50, caps: { maxPerYear: 2 } }, proposed: { points: 80, caps: { maxPerYear: 6 } }, changes: ['points', 'caps.maxPerYear'] });

    // A refusal needs a reason of 1–500 characters; nothing is decided otherwise.
    for (const payload of [undefined, {}, { reason: '' }, { reason: '   ' }, { reason: 'x'.repeat(501) }, { reason: 'ok', extra: 1 }, { reason: 42 }])
      expectError(await decideVersion(committee, code, 2, 'refuse', payload), 400, 'validation_failed');
    expect((await indicatorOf(code, dsd)).json<{ versions: Array<{ status: string }> }>().versions.map((v) => v.status)).toEqual(['approved', 'proposed']);

    const reason = 'คะแนนสูงกว่ากรอบที่คณะกรรมการกำหนดสำหรับการทดสอบมาตรฐาน';
    const refusal = await decideVersion(committee, code, 2, 'refuse', { reason: `  ${reason}  ` });
    expect(refusal.statusCode, refusal.body).toBe(200);
    expect(refusal.json()).toMatchObject({ status: 'refused', refusalReason: reason, decidedBy: { kind: 'agency', agency: 'committee' }, decidedAt: iso() });

    const person = await enrolPerson(p.app);
    const deed = await attest(p.app, dsd, { ref: `st-${person.id}`, subject: { accountId: person.id }, indicator: code, occurredAt: iso(), evidence: { certificateNo: 'C-9' } });
    expect(deed.json().credit).toMatchObject({ points: 50, year: 2027 });
    // The public sees only approved versions; the owner sees the refusal and its reason.
    expect((await indicatorOf(code)).json<{ versions: Array<{ version: number }> }>().versions.map((v) => v.version)).toEqual([1]);
    expect((await indicatorOf(code, dsd)).json<{ versions: Json[] }>().versions[1]).toMatchObject({ version: 2, status: 'refused', refusalReason: reason });
    expect((await queue()).find((i) => i.code === code)).toBeUndefined();

    // Decided once: approving or refusing again is a conflict.
    expect(expectError(await decideVersion(committee, code, 2, 'approve'), 409, 'already_decided').details).toMatchObject({ status: 'refused' });
    expectError(await decideVersion(ADMIN_TOKEN, code, 2, 'refuse', { reason: 'again' }), 409, 'already_decided');

    // The owner may propose again; one open proposal at a time, for the committee too.
    expect((await revise(dsd, code, { ...seedRule(code), points: 60 })).json()).toMatchObject({ version: 3, status: 'proposed' });
    expect(expectError(await revise(dsd, code, { ...seedRule(code), points: 55 }), 409, 'proposal_pending').details).toEqual({ indicator: code, version: 3 });
    expectError(await revise(ADMIN_TOKEN, code, { ...seedRule(code), points: 55 }), 409, 'proposal_pending');
  });

  it('refuses Khuang Pao a local indicator for Bangkok (or any area beyond its own), on define and on revise', async () => {
    for (const area of ['10', '50', '5002', '500205']) {
      const e = await refused(() => define(khuangpao, localRule(`khuangpao.outside-${area}`, area)), 403, 'out_of_scope');
      expect(e.details).toEqual({ area, agency: 'khuangpao', areaScopes: ['500204'] });
    }
    // The owner's own areas count, whoever writes: the committee cannot give Khuang Pao Bangkok either.
    await refused(() => define(ADMIN_TOKEN, localRule('khuangpao.bangkok-by-admin', '10')), 403, 'out_of_scope');
    await refused(() => define(ADMIN_TOKEN, localRule('nobody.local', '10', { owner: { kind: 'local', agency: 'nobody', area: '10' } })), 400, 'invalid_rule');
    // Its own subdistrict is fine.
    expect((await define(khuangpao, localRule('khuangpao.own-area', '500204'))).json()).toMatchObject({ status: 'proposed', owner: { area: '500204' } });

    // Revise: an agency whose areas were narrowed cannot keep publishing for the old area.
    const reg = await p.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: auth(ADMIN_TOKEN),
      payload: { code: 'chomthong', name: { th: 'อำเภอจอมทอง', en: 'Chom Thong District' }, roles: ['issuer'], indicatorScopes: ['chomthong.*'], areaScopes: ['5002'] },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const chomthong = await agencyToken(p.app, 'chomthong');
    const rule = localRule('chomthong.river-cleanup', '5002', { owner: { kind: 'local', agency: 'chomthong', area: '5002' } });
    expect((await define(chomthong, rule)).json()).toMatchObject({ status: 'proposed' });
    expect((await decideVersion(committee, 'chomthong.river-cleanup', 1, 'approve')).statusCode).toBe(200);
    await p.store.db
      .updateTable('agencies')
      .set({ area_scopes: JSON.stringify(['500204']) })
      .where('code', '=', 'chomthong')
      .execute();
    await refused(() => revise(chomthong, 'chomthong.river-cleanup', { ...rule, points: 20 }), 403, 'out_of_scope');
    // And the seed rule of Khuang Pao cannot be moved to Bangkok by a revision either (the owner never changes).
    const open = (await indicatorOf('khuangpao.open-account')).json<Json>();
    await refused(() => revise(khuangpao, 'khuangpao.open-account', { ...localRule('khuangpao.open-account', '10'), name: open.name, points: 50 }), 400, 'invalid_rule');
  });

  it('lets only the committee see the queue and decide (403 for everyone else), and a wrong target is 404', async () => {
    later(1);
    const code = 'khuangpao.kitchen-garden-plus';
    expect((await define(khuangpao, localRule(code))).statusCode).toBe(201);
    const priv = await p.app.inject({ method: 'POST', url: '/api/v1/privileges', headers: auth(ptt), payload: privilege('ptt.community-shop', 'ptt') });
    expect(priv.statusCode, priv.body).toBe(201);
    const person = await enrolPerson(p.app);
    const personTok = await personToken(p.app, person.id);

    for (const token of [trc, khuangpao, ptt, dsd, personTok]) {
      await refused(() => decideVersion(token, code, 1, 'approve'), 403, 'forbidden');
      await refused(() => decideVersion(token, code, 1, 'refuse', { reason: 'no' }), 403, 'forbidden');
      await refused(() => decidePrivilege(token, 'ptt.community-shop', 'approve'), 403, 'forbidden');
      await refused(() => decidePrivilege(token, 'ptt.community-shop', 'refuse', { reason: 'no' }), 403, 'forbidden');
      await refused(() => p.app.inject({ method: 'GET', url: '/api/v1/committee/proposals', headers: auth(token) }), 403, 'forbidden');
      await refused(
        () => p.app.inject({ method: 'PUT', url: '/api/v1/policies/balance-expiry', headers: auth(token), payload: { yearsValid: 3, effectiveFrom: iso(DAY) } }),
        403,
        'forbidden',
      );
    }
    await refused(() => p.app.inject({ method: 'POST', url: `/api/v1/indicators/${code}/versions/1/approve` }), 401, 'unauthenticated');
    await refused(() => p.app.inject({ method: 'GET', url: '/api/v1/committee/proposals' }), 401, 'unauthenticated');
    // A non-committee caller learns nothing about whether a version exists.
    await refused(() => decideVersion(trc, code, 99, 'approve'), 403, 'forbidden');

    // Still waiting after all that.
    const waiting = (await queue()).map((i) => i.code);
    expect(waiting).toContain(code);
    expect(waiting).toContain('ptt.community-shop');

    await refused(() => decideVersion(committee, code, 2, 'approve'), 404, 'indicator_not_found');
    await refused(() => decideVersion(committee, 'khuangpao.no-such', 1, 'approve'), 404, 'indicator_not_found');
    await refused(() => decidePrivilege(committee, 'ptt.no-such', 'approve'), 404, 'privilege_not_found');
    for (const version of ['0', '-1', 'abc', '1.5', '99999999999'])
      await refused(() => p.app.inject({ method: 'POST', url: `/api/v1/indicators/${code}/versions/${version}/approve`, headers: auth(committee) }), 400, 'validation_failed');
    await refused(() => p.app.inject({ method: 'POST', url: '/api/v1/indicators/Bad.Code/versions/1/approve', headers: auth(committee) }), 400, 'validation_failed');
    // The seed privileges and catalogue were decided long ago.
    expectError(await decidePrivilege(committee, 'ptt.fuel-3', 'approve'), 409, 'already_decided');
    expectError(await decideVersion(committee, 'trc.blood.red-cell', 1, 'refuse', { reason: 'late' }), 409, 'already_decided');
  });

  it('lets a committee member agency decide, never on its own proposal, and the committee set the expiry policy', async () => {
    const reg = await p.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: auth(ADMIN_TOKEN),
      payload: { code: 'thaichamber', name: { th: 'สภาหอการค้าแห่งประเทศไทย', en: 'Thai Chamber of Commerce' }, roles: ['partner', 'committee'] },
    });
    expect(reg.statusCode, reg.body).toBe(201);
    const chamber = await agencyToken(p.app, 'thaichamber');
    const own = await p.app.inject({ method: 'POST', url: '/api/v1/privileges', headers: auth(chamber), payload: privilege('thaichamber.members-discount', 'thaichamber') });
    expect(own.json()).toMatchObject({ status: 'proposed', proposedBy: { kind: 'agency', agency: 'thaichamber' } });
    expectError(await decidePrivilege(chamber, 'thaichamber.members-discount', 'approve'), 403, 'own_proposal');
    expectError(await decidePrivilege(chamber, 'thaichamber.members-discount', 'refuse', { reason: 'mine' }), 403, 'own_proposal');
    // As a committee seat it proposes for another partner too, and still may not decide on what it proposed.
    const forPtt = await p.app.inject({ method: 'POST', url: '/api/v1/privileges', headers: auth(chamber), payload: privilege('ptt.chamber-proposal', 'ptt') });
    expect(forPtt.statusCode, forPtt.body).toBe(201);
    expectError(await decidePrivilege(chamber, 'ptt.chamber-proposal', 'approve'), 403, 'own_proposal');

    const approved = await decidePrivilege(committee, 'thaichamber.members-discount', 'approve');
    expect(approved.json()).toMatchObject({ status: 'approved', decidedBy: { kind: 'agency', agency: 'committee' }, decidedAt: iso(), refusalReason: null });
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/privileges/thaichamber.members-discount' })).statusCode).toBe(200);
    // It decides on another partner's proposal like any committee member.
    expect((await decidePrivilege(chamber, 'ptt.community-shop', 'approve')).json()).toMatchObject({ status: 'approved', decidedBy: { kind: 'agency', agency: 'thaichamber' } });

    // A refused privilege stays unpublished; its partner sees why.
    const reason = 'Too close to a state welfare benefit; please reword the offer.';
    expect((await decidePrivilege(committee, 'ptt.chamber-proposal', 'refuse', { reason })).json()).toMatchObject({ status: 'refused', refusalReason: reason });
    expectError(await p.app.inject({ method: 'GET', url: '/api/v1/privileges/ptt.chamber-proposal' }), 404, 'privilege_not_found');
    const mine = (await p.app.inject({ method: 'GET', url: '/api/v1/partner/privileges', headers: auth(ptt) })).json<{ items: Json[] }>().items;
    expect(mine.find((i) => i.code === 'ptt.chamber-proposal')).toMatchObject({ status: 'refused', refusalReason: reason, decidedBy: { kind: 'agency', agency: 'committee' } });

    // An indicator the committee agency writes for an agency takes effect as written.
    const national = await define(committee, {
      code: 'nat.person.tree-care',
      name: { th: 'ดูแลต้นไม้ในที่สาธารณะ', en: 'Care for public trees' },
      domain: 'environment',
      accountKinds: ['person'],
      owner: { kind: 'national' },
      unit: 'occurrence',
      points: 30,
      caps: { maxPerYear: 12 },
      certification: 'auto',
    });
    expect(national.json()).toMatchObject({ status: 'approved', proposedBy: { kind: 'agency', agency: 'committee' }, decidedBy: { kind: 'agency', agency: 'committee' } });
    expect(await catalogueCodes()).toContain('nat.person.tree-care');

    const policy = await p.app.inject({ method: 'PUT', url: '/api/v1/policies/balance-expiry', headers: auth(committee), payload: { yearsValid: null, effectiveFrom: iso(DAY) } });
    expect(policy.statusCode, policy.body).toBe(201);
    // Registering agencies and issuing keys stay the administrator's.
    expectError(
      await p.app.inject({ method: 'POST', url: '/api/v1/agencies', headers: auth(committee), payload: { code: 'x-agency', name: { th: 'ก', en: 'x' }, roles: ['issuer'] } }),
      403,
      'forbidden',
    );
    expectError(await p.app.inject({ method: 'POST', url: '/api/v1/agencies/trc/keys', headers: auth(committee), payload: {} }), 403, 'forbidden');
  });

  it('settles two decisions at once: one wins, the other is told it was already decided', async () => {
    later(1);
    for (let round = 0; round < 3; round++) {
      const code = `khuangpao.race-${round}`;
      expect((await define(khuangpao, localRule(code))).statusCode).toBe(201);
      const pcode = `ptt.race-${round}`;
      expect((await p.app.inject({ method: 'POST', url: '/api/v1/privileges', headers: auth(ptt), payload: privilege(pcode, 'ptt') })).statusCode).toBe(201);
      const answers = await Promise.all([
        decideVersion(committee, code, 1, 'approve'),
        decideVersion(ADMIN_TOKEN, code, 1, round === 0 ? 'approve' : 'refuse', round === 0 ? undefined : { reason: 'race' }),
        decidePrivilege(committee, pcode, 'approve'),
        decidePrivilege(ADMIN_TOKEN, pcode, round === 2 ? 'refuse' : 'approve', round === 2 ? { reason: 'race' } : undefined),
      ]);
      for (const pair of [answers.slice(0, 2), answers.slice(2, 4)]) {
        expect(pair.map((r) => r.statusCode).sort()).toEqual([200, 409]);
        expectError(pair.find((r) => r.statusCode === 409)!, 409, 'already_decided');
      }
      // The stored decision is the winner's.
      const winner = answers
        .slice(0, 2)
        .find((r) => r.statusCode === 200)!
        .json<{ status: string; decidedBy: Json }>();
      const stored = (await indicatorOf(code, committee)).json<{ versions: Json[] }>().versions[0];
      expect(stored).toMatchObject({ status: winner.status, decidedBy: winner.decidedBy });
    }
    // Two revisions at once: one is proposed, the other told a proposal is pending (or that it raced).
    const both = await Promise.all([
      revise(trc, 'trc.stem-cell', { ...seedRule('trc.stem-cell'), points: 280 }),
      revise(trc, 'trc.stem-cell', { ...seedRule('trc.stem-cell'), points: 290 }),
    ]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expectError(both.find((r) => r.statusCode === 409)!, 409, ['proposal_pending', 'version_conflict']);
  });

  it('lists the queue oldest first, each with owner and proposed date, and drops what is decided', async () => {
    later(1);
    expect((await define(khuangpao, localRule('khuangpao.queue-first'))).statusCode).toBe(201);
    later(1);
    expect((await p.app.inject({ method: 'POST', url: '/api/v1/privileges', headers: auth(ptt), payload: privilege('ptt.queue-second', 'ptt') })).statusCode).toBe(201);
    const items = await queue();
    const times = items.map((i) => i.proposedAt);
    expect(times).toEqual([...times].sort());
    const first = items.findIndex((i) => i.code === 'khuangpao.queue-first');
    const second = items.findIndex((i) => i.code === 'ptt.queue-second');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(second).toBeGreaterThan(first);
    expect(items[first]).toMatchObject({
      type: 'indicator_version',
      ownerAgency: { code: 'khuangpao', name: { en: 'Khuang Pao Subdistrict Administrative Organization, Chom Thong, Chiang Mai' } },
      previous: null,
      changes: [],
      name: { th: 'ปลูกต้นไม้ในชุมชน' },
    });
    expect(items[second]).toMatchObject({
      type: 'privilege',
      ownerAgency: { code: 'ptt', name: { th: 'บริษัท ปตท. จำกัด (มหาชน)' } },
      proposedBy: { kind: 'agency', agency: 'ptt' },
      privilege: { code: 'ptt.queue-second', status: 'proposed' },
    });
    expect(items.every((i) => (i.type === 'privilege' ? (i.privilege as Json).status === 'proposed' : (i.proposed as Json).status === 'proposed'))).toBe(true);
    await decidePrivilege(committee, 'ptt.queue-second', 'refuse', { reason: 'ซ้ำกับสิทธิประโยชน์ที่มีอยู่' });
    expect((await queue()).map((i) => i.code)).not.toContain('ptt.queue-second');
  });

  it('documents every new and changed route with a response schema in OpenAPI', async () => {
    const doc = (await p.app.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>; requestBody?: unknown }>>;
    }>();
    const routes: Array<[string, string, string]> = [
      ['/api/v1/committee/proposals', 'get', '200'],
      ['/api/v1/indicators', 'get', '200'],
      ['/api/v1/indicators', 'post', '201'],
      ['/api/v1/indicators/{code}', 'get', '200'],
      ['/api/v1/indicators/{code}', 'put', '201'],
      ['/api/v1/indicators/{code}/versions/{version}/approve', 'post', '200'],
      ['/api/v1/indicators/{code}/versions/{version}/refuse', 'post', '200'],
      ['/api/v1/privileges', 'get', '200'],
      ['/api/v1/privileges', 'post', '201'],
      ['/api/v1/privileges/{code}', 'get', '200'],
      ['/api/v1/privileges/{code}/approve', 'post', '200'],
      ['/api/v1/privileges/{code}/refuse', 'post', '200'],
      ['/api/v1/partner/privileges', 'get', '200'],
      ['/api/v1/policies/balance-expiry', 'put', '201'],
    ];
    for (const [path, method, status] of routes) {
      const op = doc.paths[path]?.[method];
      expect(op?.responses?.[status]?.content?.['application/json']?.schema, `${method} ${path}`).toBeDefined();
    }
    const queueSchema = JSON.stringify(doc.paths['/api/v1/committee/proposals']?.get?.responses?.['200']);
    for (const field of ['indicator_version', 'privilege', 'ownerAgency', 'previous', 'changes', 'effectiveIfApprovedNow']) expect(queueSchema).toContain(field);
    expect(JSON.stringify(doc.paths['/api/v1/indicators/{code}/versions/{version}/refuse']?.post?.requestBody)).toContain('"maxLength":500');
  });
});

describe.each(DB_KINDS)('upgrading a database from before the approval workflow (%s)', (kind) => {
  it('keeps what was in force approved, keeps proposals waiting, and adds the committee agency', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'khwamdee-upgrade-'));
    const dbName = `t_${randomBytes(6).toString('hex')}`;
    const databaseUrl = kind === 'postgres' ? await createDatabase(inject('pgUrl'), dbName) : undefined;
    const old = databaseUrl
      ? new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: databaseUrl, max: 1 }) }) })
      : new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(join(dataDir, 'khwamdee.sqlite')) }) });
    try {
      // The schema and rows as an installation of the previous release has them.
      await migrate(old, kind, '0004_balance_policy');
      const rule = { ...seedRule('trc.blood.plasma'), code: 'trc.blood.old-rule', equivalenceGroup: 'old-rule' };
      const from = '2026-03-01T00:00:00.000Z';
      await sql`insert into indicators (code, owner_kind, owner_agency, created_at) values ('trc.blood.old-rule', 'agency', 'trc', ${from})`.execute(old);
      await sql`insert into indicator_versions (code, version, effective_from, definition, created_at) values ('trc.blood.old-rule', 1, ${from}, ${JSON.stringify(rule)}, ${from})`.execute(
        old,
      );
      const priv = (code: string) => JSON.stringify({ ...privilege(code, 'ptt'), accountKinds: ['person'] });
      await sql`insert into privileges (code, partner_code, kind, definition, status, stock_total, stock_used, created_at, approved_at)
        values ('ptt.old-approved', 'ptt', 'threshold', ${priv('ptt.old-approved')}, 'approved', null, 0, ${from}, '2026-03-02T00:00:00.000Z'),
               ('ptt.old-proposed', 'ptt', 'threshold', ${priv('ptt.old-proposed')}, 'proposed', null, 0, ${from}, null)`.execute(old);
    } finally {
      await old.destroy();
    }

    const platform = await openPlatform({ dataDir, databaseUrl, adminToken: ADMIN_TOKEN, clock: fixedClock(NOW), secrets: generateSecrets() });
    const app = await buildApp({ services: platform.services, db: platform.store.db, sessionSecret: platform.sessionSecret, now: () => NOW });
    try {
      const detail = (await app.inject({ method: 'GET', url: '/api/v1/indicators/trc.blood.old-rule' })).json();
      expect(detail).toMatchObject({ status: 'approved', effectiveFrom: '2026-03-01T00:00:00.000Z', requestedEffectiveFrom: '2026-03-01T00:00:00.000Z', proposedBy: null });
      expect(platform.services.catalogue.ruleAt('trc.blood.old-rule', NOW)?.version).toBe(1);
      expect((await app.inject({ method: 'GET', url: '/api/v1/privileges/ptt.old-approved' })).json()).toMatchObject({ status: 'approved', decidedAt: '2026-03-02T00:00:00.000Z' });
      const committee = await agencyToken(app, 'committee');
      const waiting = (await app.inject({ method: 'GET', url: '/api/v1/committee/proposals', headers: auth(committee) })).json<{ items: Array<{ code: string }> }>().items;
      expect(waiting.map((i) => i.code)).toEqual(['ptt.old-proposed']);
      expect((await app.inject({ method: 'POST', url: '/api/v1/privileges/ptt.old-proposed/approve', headers: auth(committee) })).json()).toMatchObject({ status: 'approved' });
    } finally {
      await app.close();
      await platform.close();
      if (databaseUrl) await dropDatabase(inject('pgUrl'), dbName);
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
