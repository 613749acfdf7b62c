// Reversal of an erroneous credit on SQLite and PostgreSQL: who may reverse (and who may not), the
// idempotent and concurrency-safe posting, the score, balance (never below zero), statistics, the
// log leaf and its verification, and certificates revoked through the W3C Bitstring Status List.
import { gunzipSync } from 'node:zlib';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';
import { runLogVerify } from '../src/cli/log-verify.js';
import { runCertVerify } from '../src/cli/certificates.js';
import { statisticsRepo } from '../src/store/repos/statistics.js';

interface Person {
  id: string;
  token: string;
}

describe.each(DB_KINDS)('reversals (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let dsd: string;
  let khuangpao: string;
  let nongsarai: string;
  let ptt: string;
  let seq = 0;
  let jwks: JSONWebKeySet;
  const dir = mkdtempSync(join(tmpdir(), 'khwamdee-reversal-'));

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-11-20T03:00:00Z'), { webhooks: { autoStart: false } });
    const tokens = await Promise.all(['trc', 'dsd', 'khuangpao', 'nongsarai', 'ptt'].map((c) => agencyToken(p.app, c)));
    [trc, dsd, khuangpao, nongsarai, ptt] = tokens as [string, string, string, string, string];
    jwks = (await p.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify(jwks));
  });
  afterAll(async () => {
    await p?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A person of Khuang Pao with `n` red-cell donations (70 points each) this year, integrated in the log. */
  async function donor(n: number, consents = ['enrolment', 'health']): Promise<Person> {
    const a = await enrolPerson(p.app, { areaCode: '500204', consents });
    for (let i = 0; i < n; i++) {
      const r = await attest(p.app, trc, {
        ref: `rv-${++seq}`,
        subject: { accountId: a.id },
        indicator: 'trc.blood.red-cell',
        occurredAt: `2026-${String(1 + i * 3).padStart(2, '0')}-10T09:00:00+07:00`,
        evidence: { donationNo: `RV-${seq}` },
      });
      expect(r.json().status, r.body).toBe('credited');
    }
    await p.sequencer.catchUp();
    return { id: a.id, token: await personToken(p.app, a.id) };
  }
  const creditsOf = async (person: Person) =>
    (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/credits?year=2026`, headers: auth(person.token) })).json().items as Array<{
      id: string;
      points: number;
      reversal: null | {
        id: string;
        reason: { code: string; text: string };
        by: { agency: string; name: { th: string } };
        debited: number;
        waived: number;
        explanation: { th: string; en: string };
      };
    }>;
  const get = async (url: string, token: string) => (await p.app.inject({ method: 'GET', url, headers: auth(token) })).json();
  const reverse = (creditId: string, token: string, payload: Record<string, unknown> = { reason: 'wrong_person', text: 'บันทึกผิดคน ผู้บริจาคคือคนอื่น' }) =>
    p.app.inject({ method: 'POST', url: `/api/v1/credits/${creditId}/reversal`, headers: auth(token), payload });
  const balance = async (person: Person) => get(`/api/v1/accounts/${person.id}/balance`, person.token);

  it('lets the issuer reverse its own credit: score, years, balance and the credit list follow, and the same request replays', async () => {
    const person = await donor(3);
    const [c1] = await creditsOf(person);
    expect((await get(`/api/v1/accounts/${person.id}/score?year=2026`, person.token)).points).toBe(210);

    const first = await reverse(c1!.id, trc);
    expect(first.statusCode, first.body).toBe(201);
    const rv = first.json().reversal;
    expect(rv).toMatchObject({ creditId: c1!.id, points: 70, debited: 70, waived: 0, by: { agency: 'trc', role: 'issuer' }, reason: { code: 'wrong_person' } });
    expect(rv.reversedOn).toEqual({ day: '2026-11-20', yearBE: 2569 });

    const again = await reverse(c1!.id, trc);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().reversal.id).toBe(rv.id);
    const other = await reverse(c1!.id, trc, { reason: 'not_happened', text: 'ไม่ได้บริจาคจริง' });
    expect(other.statusCode).toBe(409);
    expect(other.json().error.code).toBe('already_reversed');
    expect(other.json().error.details.reversalId).toBe(rv.id);

    const score = await get(`/api/v1/accounts/${person.id}/score?year=2026`, person.token);
    expect(score.points).toBe(140);
    expect(score.byDomain.health).toBe(140);
    const years = await get(`/api/v1/accounts/${person.id}/years`, person.token);
    expect(years.items.find((y: { year: number }) => y.year === 2026).points).toBe(140);
    expect(await balance(person)).toMatchObject({ earned: 210, reversed: 70, balance: 140 });

    const listed = (await creditsOf(person)).find((c) => c.id === c1!.id)!;
    expect(listed.reversal).toMatchObject({ id: rv.id, reason: { text: 'บันทึกผิดคน ผู้บริจาคคือคนอื่น' }, by: { name: { th: 'สภากาชาดไทย' } } });
    expect(listed.reversal!.explanation.th).toContain('สภากาชาดไทย');
    expect((await get(`/api/v1/reversals/${rv.id}`, person.token)).id).toBe(rv.id);
    expect((await get(`/api/v1/credits/${c1!.id}`, trc)).reversal.id).toBe(rv.id);
  });

  it('refuses another issuer, a certifier, the admin and the person; a reversal id is no credit', async () => {
    const person = await donor(1);
    const [c] = await creditsOf(person);
    const codeOf = async (token: string) => {
      const r = await reverse(c!.id, token);
      return [r.statusCode, r.json().error.code];
    };
    expect(await codeOf(dsd)).toEqual([404, 'credit_not_found']);
    expect(await codeOf(ptt)).toEqual([404, 'credit_not_found']);
    // Khuang Pao certifies the person's area (it may read the account) but neither attested nor certified this credit.
    expect(await codeOf(khuangpao)).toEqual([403, 'forbidden']);
    expect(await codeOf(ADMIN_TOKEN)).toEqual([403, 'forbidden']);
    expect(await codeOf(person.token)).toEqual([403, 'forbidden']);
    expect((await get(`/api/v1/credits/${c!.id}`, dsd)).error.code).toBe('credit_not_found');

    const done = await reverse(c!.id, trc);
    expect(done.statusCode).toBe(201);
    const rvId = done.json().reversal.id;
    // Reversing a reversal: its id is not a credit.
    const rr = await reverse(rvId, trc);
    expect([rr.statusCode, rr.json().error.code]).toEqual([404, 'credit_not_found']);
    expect((await get(`/api/v1/reversals/${rvId}`, dsd)).error.code).toBe('reversal_not_found');

    for (const payload of [
      {},
      { reason: 'nope', text: 'ข้อความเหตุผล' },
      { reason: 'wrong_person', text: '  ' },
      { reason: 'wrong_person', text: 'x'.repeat(501) },
      { reason: 'wrong_person', text: 'ข้อความเหตุผล', extra: 1 },
    ]) {
      const bad = await reverse(c!.id, trc, payload);
      expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      expect(bad.json().error.code).toBe('validation_failed');
    }
    expect(
      (await p.app.inject({ method: 'POST', url: '/api/v1/credits/not-a-uuid/reversal', headers: auth(trc), payload: { reason: 'wrong_person', text: 'ข้อความเหตุผล' } })).statusCode,
    ).toBe(400);
    expect((await p.app.inject({ method: 'POST', url: `/api/v1/credits/${c!.id}/reversal`, payload: { reason: 'wrong_person', text: 'ข้อความเหตุผล' } })).statusCode).toBe(401);
  });

  it('lets the certifier of a self-declared deed reverse it, and not a certifier of another area', async () => {
    const a = await enrolPerson(p.app, { areaCode: '710911' });
    const person = { id: a.id, token: await personToken(p.app, a.id) };
    const decl = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${person.id}/declarations`,
      headers: auth(person.token),
      payload: { ref: `d-${++seq}`, indicator: 'nongsarai.gratitude.1', occurredAt: '2026-11-01T19:00:00+07:00' },
    });
    expect(decl.statusCode, decl.body).toBe(201);
    const ok = await p.app.inject({ method: 'POST', url: `/api/v1/attestations/${decl.json().id}/certify`, headers: auth(nongsarai), payload: { decision: 'approve' } });
    expect(ok.json().status, ok.body).toBe('credited');
    await p.sequencer.catchUp();
    const [c] = await creditsOf(person);
    // Found by the attestation id too, for staff who only know their own record.
    expect((await get(`/api/v1/credits/${decl.json().id}`, nongsarai)).canReverseAs).toBe('certifier');
    const foreign = await reverse(c!.id, khuangpao);
    expect([foreign.statusCode, foreign.json().error.code]).toEqual([404, 'credit_not_found']);
    const r = await reverse(c!.id, nongsarai, { reason: 'not_happened', text: 'ที่ประชุมหมู่บ้านยืนยันว่าไม่ได้ทำ' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().reversal.by).toMatchObject({ agency: 'nongsarai', role: 'certifier' });
    expect((await get(`/api/v1/accounts/${person.id}/score?year=2026`, person.token)).points).toBe(0);
  });

  it('never takes the balance below zero: points already redeemed are waived, not owed', async () => {
    const person = await donor(1);
    const redeemed = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${person.id}/redemptions`,
      headers: auth(person.token),
      payload: { privilege: 'ptt.bluepoints', requestKey: `rk-${++seq}-xxxx` },
    });
    expect(redeemed.statusCode, redeemed.body).toBe(201);
    expect((await balance(person)).balance).toBe(20);
    const [c] = await creditsOf(person);
    const r = await reverse(c!.id, trc);
    expect(r.json().reversal).toMatchObject({ points: 70, debited: 20, waived: 50 });
    expect(r.json().reversal.explanation.en).toContain('50');
    expect(await balance(person)).toMatchObject({ balance: 0, reversed: 20, redeemed: 50 });
    const debits = await p.store.db.selectFrom('debits').select(['kind', 'points']).where('account_id', '=', person.id).orderBy('created_at').execute();
    expect(debits.map((d) => [d.kind, Number(d.points)])).toEqual([
      ['redeem', 50],
      ['reversal', 20],
    ]);
  });

  it('records one reversal of two sent at once, and one leaf', async () => {
    const person = await donor(2);
    const [c] = await creditsOf(person);
    const results = await Promise.all([
      reverse(c!.id, trc),
      reverse(c!.id, trc, { reason: 'duplicate_entry', text: 'บันทึกซ้ำสองครั้ง' }),
      reverse(c!.id, trc),
      reverse(c!.id, trc, { reason: 'duplicate_entry', text: 'บันทึกซ้ำสองครั้ง' }),
    ]);
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((s) => s === 201)).toHaveLength(1);
    expect(codes.every((s) => s === 200 || s === 201 || s === 409)).toBe(true);
    const rows = await p.store.db.selectFrom('reversals').select('id').where('credit_id', '=', c!.id).execute();
    expect(rows).toHaveLength(1);
    const leaves = await p.store.db.selectFrom('log_entries').select('leaf').where('ref_id', '=', rows[0]!.id).execute();
    expect(leaves).toHaveLength(1);
    expect((await balance(person)).balance).toBe(70);
  });

  it('appends a reversal leaf naming the credit by id and log index, which the log verifier accepts, and an edited row is named', async () => {
    const person = await donor(2);
    const [c] = await creditsOf(person);
    const credit = (await creditsOf(person)).find((x) => x.id === c!.id) as unknown as { logIndex: number };
    const r = await reverse(c!.id, trc);
    await p.sequencer.catchUp();
    const leaf = await p.store.db.selectFrom('log_entries').select(['leaf', 'leaf_index']).where('ref_id', '=', r.json().reversal.id).executeTakeFirstOrThrow();
    const parsed = JSON.parse(leaf.leaf);
    expect(parsed).toMatchObject({
      v: 1,
      kind: 'reversal',
      credit: c!.id,
      creditIndex: credit.logIndex,
      points: 70,
      debited: 70,
      waived: 0,
      reason: 'wrong_person',
      by: 'trc',
      role: 'issuer',
    });
    expect(leaf.leaf).not.toContain('ผิดคน');
    expect(JSON.stringify(parsed)).not.toContain(person.id);

    const fetchViaInject: typeof fetch = async (input) => {
      const u = new URL(String(input));
      const res = await p.app.inject({ method: 'GET', url: u.pathname + u.search });
      return new Response(new Uint8Array(res.rawPayload), { status: res.statusCode, headers: res.headers as Record<string, string> });
    };
    const lines: string[] = [];
    expect(await runLogVerify('http://khwamdee.test', { out: (l) => lines.push(l), fetch: fetchViaInject, home: dir }), lines.join('\n')).toBe(0);

    await p.store.db.updateTable('reversals').set({ waived: 1 }).where('id', '=', r.json().reversal.id).execute();
    const bad: string[] = [];
    expect(await runLogVerify('http://khwamdee.test', { out: (l) => bad.push(l), fetch: fetchViaInject, home: dir })).toBe(1);
    expect(bad.join('\n')).toContain(`entry ${leaf.leaf_index}`);
    await p.store.db.updateTable('reversals').set({ waived: 0 }).where('id', '=', r.json().reversal.id).execute();
  });

  it('revokes the credit certificate and the annual statement that stated the credit; the status list says so, decoded independently', async () => {
    const person = await donor(2);
    const [c1, c2] = await creditsOf(person);
    const cert = async (path: string) => {
      const res = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/certificates/${path}`, headers: auth(person.token) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<{ credential: { credentialStatus: { statusListIndex: string; statusListCredential: string; type: string; statusPurpose: string } }; jwt: string }>();
    };
    const one = await cert(`credits/${c1!.id}`);
    const other = await cert(`credits/${c2!.id}`);
    const statement = await cert('annual-statement?year=2026');
    expect(one.credential.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' });
    expect(decodeJwt(one.jwt).credentialStatus).toEqual(one.credential.credentialStatus);

    const verify = async (jwt: string) => (await p.app.inject({ method: 'POST', url: '/api/v1/certificates/verify', payload: { jwt } })).json();
    expect(await verify(one.jwt)).toMatchObject({ valid: true, revoked: false });

    const r = await reverse(c1!.id, trc);
    expect(r.json().revokedCertificates).toBe(2);
    expect(await verify(one.jwt)).toMatchObject({ valid: false, revoked: true, status: { reversalId: r.json().reversal.id } });
    expect(await verify(statement.jwt)).toMatchObject({ valid: false, revoked: true });
    expect(await verify(other.jwt)).toMatchObject({ valid: true, revoked: false });

    // The list, as any verifier reads it: a signed vc+jwt, a GZIP'd base64url bitstring of ≥ 16 KB.
    const url = new URL(one.credential.credentialStatus.statusListCredential);
    const listRes = await p.app.inject({ method: 'GET', url: url.pathname });
    expect(listRes.statusCode).toBe(200);
    expect(listRes.headers['content-type']).toContain('application/vc+jwt');
    const { payload } = await jwtVerify(listRes.body, createLocalJWKSet(jwks), { typ: 'vc+jwt' });
    expect(payload.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    const subject = payload.credentialSubject as { statusPurpose: string; encodedList: string };
    expect(subject.statusPurpose).toBe('revocation');
    expect(subject.encodedList.startsWith('u')).toBe(true);
    const bits = gunzipSync(Buffer.from(subject.encodedList.slice(1), 'base64url'));
    expect(bits.length).toBeGreaterThanOrEqual(16 * 1024);
    const bit = (i: number) => (bits[Math.floor(i / 8)]! >> (7 - (i % 8))) & 1;
    expect(bit(Number(one.credential.credentialStatus.statusListIndex))).toBe(1);
    expect(bit(Number(statement.credential.credentialStatus.statusListIndex))).toBe(1);
    expect(bit(Number(other.credential.credentialStatus.statusListIndex))).toBe(0);

    // A reversed credit gets no new certificate; a fresh statement leaves it out and is valid.
    const again = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/certificates/credits/${c1!.id}`, headers: auth(person.token) });
    expect([again.statusCode, again.json().error.code]).toEqual([409, 'credit_reversed']);
    const fresh = await cert('annual-statement?year=2026');
    expect(await verify(fresh.jwt)).toMatchObject({ valid: true, revoked: false });

    // khwamdee cert verify fetches the list the certificate names.
    const fetchViaInject: typeof fetch = async (input) => {
      const u = new URL(String(input));
      const res = await p.app.inject({ method: 'GET', url: u.pathname });
      return new Response(res.body, { status: res.statusCode });
    };
    const file = join(dir, `cert-${kind}.jwt`);
    writeFileSync(file, one.jwt);
    const out: string[] = [];
    expect(await runCertVerify(file, { jwks: join(dir, 'jwks.json'), out: (l) => out.push(l), fetch: fetchViaInject, now: p.clock.now() }), out.join('\n')).toBe(1);
    expect(out.join('\n')).toContain('REVOKED');
    writeFileSync(file, other.jwt);
    const ok: string[] = [];
    expect(await runCertVerify(file, { jwks: join(dir, 'jwks.json'), out: (l) => ok.push(l), fetch: fetchViaInject, now: p.clock.now() }), ok.join('\n')).toBe(0);
    expect(ok.join('\n')).toContain('not revoked');

    expect((await p.app.inject({ method: 'GET', url: '/api/v1/certificates/status/999' })).json().error.code).toBe('status_list_not_found');
  });

  it('takes the reversed credit out of the public statistics and the caps', async () => {
    const person = await donor(1, ['enrolment', 'health', 'statistics']);
    const sum = async () =>
      (await statisticsRepo.countsByYearAndProvince(p.store.db, '2099-01-01T00:00:00Z'))
        .filter((r) => r.year === 2026 && r.code === '50')
        .reduce((s, r) => s + r.domains.health.points, 0);
    const before = await sum();
    const [c] = await creditsOf(person);
    await reverse(c!.id, trc, { reason: 'not_happened', text: 'ไม่ได้บริจาคในวันนั้น' });
    expect(await sum()).toBe(before - 70);
    // The reversed donation (10 Jan) no longer holds the 84-day interval: a donation on 1 Feb counts.
    const next = await attest(p.app, trc, {
      ref: `rv-${++seq}`,
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-02-01T09:00:00+07:00',
      evidence: { donationNo: `RV-${seq}` },
    });
    expect(next.json().status, next.body).toBe('credited');
  });

  it('lets the issuer record the same act again, correctly, once the wrong credit is reversed', async () => {
    const person = await donor(1);
    const [c] = await creditsOf(person);
    const again = { subject: { accountId: person.id }, indicator: 'trc.blood.plasma', occurredAt: '2026-01-10T10:00:00+07:00', evidence: { donationNo: 'RV-fix' } };
    const before = await attest(p.app, trc, { ref: `rv-${++seq}`, ...again });
    expect(before.json().reason?.code, before.body).toBe('duplicate_deed');
    await reverse(c!.id, trc, { reason: 'wrong_indicator', text: 'เป็นการบริจาคพลาสมา ไม่ใช่เม็ดเลือดแดง' });
    const after = await attest(p.app, trc, { ref: `rv-${++seq}`, ...again });
    expect(after.json().status, after.body).toBe('credited');
    expect((await get(`/api/v1/accounts/${person.id}/score?year=2026`, person.token)).points).toBe(70);
  });

  it('answers credit_not_in_log for a credit the sequencer has not integrated yet', async () => {
    const a = await enrolPerson(p.app, { areaCode: '500204' });
    await p.sequencer.stop();
    try {
      const r = await attest(p.app, trc, {
        ref: `rv-${++seq}`,
        subject: { accountId: a.id },
        indicator: 'trc.blood.red-cell',
        occurredAt: '2026-03-10T09:00:00+07:00',
        evidence: { donationNo: `RV-${seq}` },
      });
      const credit = await p.store.db.selectFrom('credits').select('id').where('attestation_id', '=', r.json().id).executeTakeFirstOrThrow();
      const rv = await reverse(credit.id, trc);
      expect([rv.statusCode, rv.json().error.code]).toEqual([409, 'credit_not_in_log']);
    } finally {
      p.sequencer.start();
      await p.sequencer.catchUp();
    }
  });
});
