// Leaving by crypto-shredding and restriction of processing, on SQLite and PostgreSQL: after
// erasure no lookup finds the person, the log still verifies with the independent verifier (entries
// render the same bytes), the public totals are unchanged, evidence files are gone and the name is
// nowhere in the database file; restriction refuses deeds, redemptions and staff reads until lifted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault } from '../src/adapters/crypto.js';
import { verifyLog } from '../src/log/verifier.js';
import { sealLegacyNames } from '../src/services/erasure.js';
import { ADMIN_TOKEN, DB_KINDS, auth, nextNationalId, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, personToken } from './support/helpers.js';
import { expectError } from './support/bad-input.js';
import { filePart, multipart, pdf } from './support/evidence-files.js';

/** fetch over app.inject, so the verifier reads the log exactly as a third party would over HTTP. */
function injectFetch(app: FastifyInstance): typeof fetch {
  return (async (input: string | URL | Request) => {
    const url = new URL(typeof input === 'string' || input instanceof URL ? String(input) : input.url);
    const res = await app.inject({ method: 'GET', url: url.pathname + url.search });
    const headers = new Headers();
    for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers.set(k, String(v));
    return new Response(res.statusCode === 204 ? null : new Uint8Array(res.rawPayload), { status: res.statusCode, headers });
  }) as typeof fetch;
}

const PHRASE = 'ลบข้อมูลของฉัน';

describe.each(DB_KINDS)('erasure and restriction (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let nongsarai: string;
  let ref = 0;
  const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, token: string, payload?: unknown) =>
    p.app.inject({ method, url, headers: auth(token), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  async function enrol(name: string, areaCode = '710911', consents = ['enrolment', 'health', 'statistics']) {
    const nationalId = nextNationalId();
    const res = await inject('POST', '/api/v1/accounts', ADMIN_TOKEN, { kind: 'person', nationalId, displayName: name, areaCode, consents });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ id: string }>().id;
    return { id, nationalId, token: await personToken(p.app, id) };
  }
  const donate = (subject: Record<string, string>, day: string) =>
    attest(p.app, trc, { ref: `er-${++ref}`, subject, indicator: 'trc.organ-pledge', occurredAt: `${day}T09:00:00+07:00`, evidence: { reference: `E-${ref}` } });
  const upload = async (who: { id: string; token: string }, text: string) => {
    const { payload, headers } = multipart([filePart(pdf(text), 'minutes.pdf', 'application/pdf')]);
    const res = await p.app.inject({ method: 'POST', url: `/api/v1/accounts/${who.id}/evidence`, headers: { ...headers, ...auth(who.token) }, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ sha256: string }>().sha256;
  };
  const evidencePath = (sha: string) => join(p.dataDir, 'evidence', sha.slice(0, 2), sha);

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-06-15T03:00:00Z'), { sequencer: { autoStart: false }, webhooks: { autoStart: false }, statistics: { cacheTtlMs: 0 } });
    trc = await agencyToken(p.app, 'trc');
    nongsarai = await agencyToken(p.app, 'nongsarai');
  });
  afterAll(async () => p?.cleanup());

  it('stores the display name sealed under the person’s own key and shows it through the repository', async () => {
    const a = await enrol('นางสาวลับเฉพาะ ทดสอบ');
    const row = await p.store.db.selectFrom('accounts').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.display_name).toBe('');
    expect(row.display_name_enc).toMatch(/^n1\./);
    expect(JSON.stringify(row)).not.toContain('ลับเฉพาะ');
    expect((await inject('GET', `/api/v1/accounts/${a.id}`, a.token)).json().displayName).toBe('นางสาวลับเฉพาะ ทดสอบ');
    expect((await inject('POST', '/api/v1/accounts/lookup', ADMIN_TOKEN, { nationalId: a.nationalId })).json().id).toBe(a.id);
    // The certifier's queue opens the name too.
    await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${a.id}/declarations`,
      headers: auth(a.token),
      payload: { ref: 'q-1', indicator: 'nongsarai.environment.1', occurredAt: '2026-06-10T09:00:00+07:00', evidence: { note: 'x' } },
    });
    const queue = await inject('GET', '/api/v1/attestations/pending', nongsarai);
    expect(queue.statusCode, queue.body).toBe(200);
    expect(JSON.stringify(queue.json())).toContain('นางสาวลับเฉพาะ ทดสอบ');
  });

  it('seals names written in clear before migration 0012 at start-up, once', async () => {
    const a = await enrol('ชื่อเดิมก่อนย้าย');
    await p.store.db.updateTable('accounts').set({ display_name: 'ชื่อเดิมก่อนย้าย', display_name_enc: null }).where('id', '=', a.id).execute();
    expect((await inject('GET', `/api/v1/accounts/${a.id}`, a.token)).json().displayName).toBe('ชื่อเดิมก่อนย้าย');
    const vault = createVault(p.secrets);
    expect(await sealLegacyNames(p.store.db, p.store.dialect, vault)).toBe(1);
    expect(await sealLegacyNames(p.store.db, p.store.dialect, vault)).toBe(0);
    const row = await p.store.db.selectFrom('accounts').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.display_name).toBe('');
    expect(row.display_name_enc).toMatch(/^n1\./);
    expect((await inject('GET', `/api/v1/accounts/${a.id}`, a.token)).json().displayName).toBe('ชื่อเดิมก่อนย้าย');
    if (kind === 'sqlite') {
      const bytes = Buffer.concat(
        ['khwamdee.sqlite', 'khwamdee.sqlite-wal']
          .map((f) => join(p.dataDir, f))
          .filter(existsSync)
          .map((f) => readFileSync(f)),
      );
      expect(bytes.includes(Buffer.from('ชื่อเดิมก่อนย้าย'))).toBe(false);
    }
  });

  it('erases a person: no lookup finds them, sign-in finds no account, the log verifies, totals and leaves unchanged, files gone', async () => {
    const NAME = 'นายลบทิ้ง หายไปแล้ว';
    const people = [];
    for (let i = 0; i < 11; i++) people.push(await enrol(i === 0 ? NAME : `สมาชิก ${i}`));
    const victim = people[0]!;
    const other = people[1]!;
    for (const who of people) expect((await donate({ accountId: who.id }, '2026-06-01')).json().status).toBe('credited');
    const sha = await upload(victim, 'victim minutes');
    const shared = await upload(victim, 'shared minutes');
    expect(await upload(other, 'shared minutes')).toBe(shared);
    await p.sequencer.integrateOnce();
    // The credits count from the next Bangkok day on.
    p.clock.advance(24 * 3600_000);
    const statsBefore = (await p.app.inject({ method: 'GET', url: '/api/v1/stats?year=2026' })).json();
    const yearsBefore = (await p.app.inject({ method: 'GET', url: '/api/v1/stats/years' })).json();
    expect(statsBefore.national.people).toBeGreaterThanOrEqual(11);
    const bundles = async () => {
      const size = Number((await p.app.inject({ method: 'GET', url: '/log/checkpoint' })).body.split('\n')[1]);
      return (await p.app.inject({ method: 'GET', url: `/log/tile/entries/000.p/${size}` })).rawPayload;
    };
    const bundleBefore = await bundles();
    const leavesBefore = await p.store.db.selectFrom('log_entries').select(['seq', 'leaf']).orderBy('seq').execute();

    // Attacks first: another person's id, a wrong phrase, no phrase, a staff member.
    expectError(await inject('POST', `/api/v1/accounts/${victim.id}/erasure`, other.token, { confirm: PHRASE }), 404, 'account_not_found');
    expectError(await inject('POST', `/api/v1/accounts/${victim.id}/erasure`, victim.token, { confirm: 'ลบ' }), 400, 'erasure_not_confirmed');
    expectError(await inject('POST', `/api/v1/accounts/${victim.id}/erasure`, victim.token, {}), 400, 'validation_failed');
    expectError(await inject('POST', `/api/v1/accounts/${victim.id}/erasure`, trc, { confirm: PHRASE }), 404, 'account_not_found');
    expect((await inject('GET', `/api/v1/accounts/${victim.id}`, victim.token)).statusCode).toBe(200);

    // The same erasure twice at once: one erases, the other finds nothing left.
    const [x, y] = await Promise.all([
      inject('POST', `/api/v1/accounts/${victim.id}/erasure`, victim.token, { confirm: `  ${PHRASE} ` }),
      inject('POST', `/api/v1/accounts/${victim.id}/erasure`, ADMIN_TOKEN, { confirm: 'Erase my data' }),
    ]);
    const codes = [x.statusCode, y.statusCode].sort();
    expect(codes, `${x.body} ${y.body}`).toEqual([200, 404]);
    const done = (x.statusCode === 200 ? x : y).json();
    expect(done).toMatchObject({ accountId: victim.id, evidenceFilesDeleted: 1 });

    // Nothing finds the person by national ID; their token is gone; the tombstone is nobody's.
    expectError(await inject('POST', '/api/v1/accounts/lookup', ADMIN_TOKEN, { nationalId: victim.nationalId }), 404, 'account_not_found');
    expect((await inject('GET', `/api/v1/accounts/${victim.id}`, victim.token)).statusCode).toBe(401);
    expectError(await inject('GET', `/api/v1/accounts/${victim.id}`, ADMIN_TOKEN), 404, 'account_not_found');
    expectError(await donate({ nationalId: victim.nationalId }, '2026-06-02'), 422, 'subject_not_enrolled');
    expect(await p.services.signIn.principalFor(p.services.signIn.identityFromClaims({ pid: victim.nationalId }))).toBeUndefined();
    expect((await p.services.signIn.me(p.services.signIn.identityFromClaims({ pid: victim.nationalId }))).account).toBeNull();
    // A replay of the same erasure finds nothing.
    expectError(await inject('POST', `/api/v1/accounts/${victim.id}/erasure`, ADMIN_TOKEN, { confirm: PHRASE }), 404, 'account_not_found');

    const tomb = await p.store.db.selectFrom('accounts').selectAll().where('id', '=', victim.id).executeTakeFirstOrThrow();
    expect(tomb).toMatchObject({ display_name: '', display_name_enc: null, identifier_hash: null, identifier_enc: null, subject_key_enc: null, status: 'left', area_code: '71' });
    expect(await p.store.db.selectFrom('api_keys').select('id').where('account_id', '=', victim.id).execute()).toEqual([]);
    expect(await p.store.db.selectFrom('evidence_files').select('sha256').where('account_id', '=', victim.id).execute()).toEqual([]);
    const deeds = await p.store.db.selectFrom('attestations').select(['ref', 'request_hash', 'evidence']).where('account_id', '=', victim.id).execute();
    for (const d of deeds) expect(d).toMatchObject({ ref: expect.stringMatching(/^erased:/), request_hash: 'erased', evidence: null });

    // Evidence: the person's own file is gone, the bytes another person also holds stay for them.
    expect(existsSync(evidencePath(sha))).toBe(false);
    expect(existsSync(evidencePath(shared))).toBe(true);
    expect((await inject('GET', `/api/v1/accounts/${other.id}/evidence/${shared}`, other.token)).statusCode).toBe(200);

    // The log: same leaves, same bundle bytes, and the independent verifier finds nothing wrong.
    expect(await p.store.db.selectFrom('log_entries').select(['seq', 'leaf']).orderBy('seq').execute()).toEqual(leavesBefore);
    expect(Buffer.compare(await bundles(), bundleBefore)).toBe(0);
    const report = await verifyLog({ baseUrl: 'http://log.test', fetch: injectFetch(p.app) });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checkedLeaves).toBe(leavesBefore.length);

    // The public totals do not move.
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/stats?year=2026' })).json()).toEqual(statsBefore);
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/stats/years' })).json()).toEqual(yearsBefore);

    // The name is in no byte of the database (SQLite file and its write-ahead log).
    if (kind === 'sqlite') {
      const bytes = Buffer.concat(
        ['khwamdee.sqlite', 'khwamdee.sqlite-wal']
          .map((f) => join(p.dataDir, f))
          .filter(existsSync)
          .map((f) => readFileSync(f)),
      );
      expect(bytes.includes(Buffer.from(NAME))).toBe(false);
      expect(bytes.includes(Buffer.from(victim.nationalId))).toBe(false);
    }
    const dump = JSON.stringify(await p.store.db.selectFrom('accounts').selectAll().execute());
    expect(dump).not.toContain(NAME);

    // Enrolling the same national ID again makes a fresh account with no past.
    const again = await inject('POST', '/api/v1/accounts', ADMIN_TOKEN, {
      kind: 'person',
      nationalId: victim.nationalId,
      displayName: NAME,
      areaCode: '710911',
      consents: ['enrolment'],
    });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().id).not.toBe(victim.id);
    const fresh = await inject('GET', `/api/v1/accounts/${again.json().id}/score?year=2026`, ADMIN_TOKEN);
    expect(fresh.json().points).toBe(0);
    // Nothing of the person's evidence directory is left under another name either.
    const files = existsSync(join(p.dataDir, 'evidence')) ? readdirSync(join(p.dataDir, 'evidence'), { recursive: true }).map(String) : [];
    expect(files.some((f) => f.endsWith(sha))).toBe(false);
  }, 60_000);

  it('restricts processing: deeds refused and not kept, no redemptions, staff see only the restriction; the person lifts it', async () => {
    const a = await enrol('คนขอระงับ ชั่วคราว');
    const other = await enrol('คนอื่น ทั่วไป');
    expectError(await inject('POST', `/api/v1/accounts/${a.id}/restriction`, other.token, {}), 404, 'account_not_found');
    expectError(await inject('POST', `/api/v1/accounts/${a.id}/restriction`, nongsarai, {}), 404, 'account_not_found');
    expectError(await inject('POST', `/api/v1/accounts/${a.id}/restriction`, a.token, { reason: 'x'.repeat(501) }), 400, 'validation_failed');
    // Twice at once: one restriction in force, one record.
    const [r1, r2] = await Promise.all([
      inject('POST', `/api/v1/accounts/${a.id}/restriction`, a.token, { reason: 'ขอคิดก่อน' }),
      inject('POST', `/api/v1/accounts/${a.id}/restriction`, a.token, { reason: 'ขอคิดก่อน' }),
    ]);
    expect([r1.statusCode, r2.statusCode]).toEqual([200, 200]);
    const status = r2.json();
    expect(status).toMatchObject({ accountId: a.id, restricted: true, restrictions: [{ restrictedBy: 'holder', reason: 'ขอคิดก่อน', liftedAt: null }] });
    expect(status.restrictions).toHaveLength(1);

    // A deed for the person: refused with a clear reason and not stored against them.
    const deed = await donate({ nationalId: a.nationalId }, '2026-06-03');
    expect(deed.statusCode, deed.body).toBe(201);
    expect(deed.json()).toMatchObject({ status: 'rejected', reason: { code: 'processing_restricted' } });
    const stored = await p.store.db.selectFrom('attestations').select(['account_id', 'evidence']).where('id', '=', deed.json().id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ account_id: null, evidence: null });
    expect(await p.store.db.selectFrom('credits').select('id').where('account_id', '=', a.id).execute()).toEqual([]);
    // Their own declaration too; no redemption, no eligibility token.
    const declared = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${a.id}/declarations`,
      headers: auth(a.token),
      payload: { ref: 'r-1', indicator: 'nongsarai.environment.1', occurredAt: '2026-06-10T09:00:00+07:00', evidence: { note: 'x' } },
    });
    expect(declared.json()).toMatchObject({ status: 'rejected', reason: { code: 'processing_restricted' } });
    expectError(
      await inject('POST', `/api/v1/accounts/${a.id}/redemptions`, a.token, { privilege: 'ptt.bluepoints', requestKey: 'rk-restricted-1' }),
      409,
      'processing_restricted',
    );
    // Staff: only the record of the restriction; the holder still reads their own record.
    expectError(await inject('GET', `/api/v1/accounts/${a.id}`, nongsarai), 409, 'processing_restricted');
    expectError(await inject('GET', `/api/v1/accounts/${a.id}/score?year=2026`, ADMIN_TOKEN), 409, 'processing_restricted');
    expect((await inject('GET', `/api/v1/accounts/${a.id}`, a.token)).statusCode).toBe(200);
    expect(JSON.stringify((await inject('GET', '/api/v1/attestations/pending', nongsarai)).json())).not.toContain(a.id);

    // Lifted (twice is the same): processing resumes.
    expect((await inject('DELETE', `/api/v1/accounts/${a.id}/restriction`, other.token)).statusCode).toBe(404);
    const lifted = await inject('DELETE', `/api/v1/accounts/${a.id}/restriction`, a.token);
    expect(lifted.json()).toMatchObject({ restricted: false, restrictedAt: null, restrictions: [{ liftedBy: 'holder', liftedAt: expect.any(String) }] });
    expect((await inject('DELETE', `/api/v1/accounts/${a.id}/restriction`, a.token)).json().restrictions).toHaveLength(1);
    expect((await donate({ nationalId: a.nationalId }, '2026-06-04')).json().status).toBe('credited');
    expect((await inject('GET', `/api/v1/accounts/${a.id}`, nongsarai)).statusCode).toBe(200);
    expect((await inject('GET', `/api/v1/accounts/${a.id}/privacy`, a.token)).json()).toMatchObject({
      restricted: false,
      erasure: { phrase: { th: PHRASE, en: 'erase my data' } },
    });
    expectError(await inject('GET', `/api/v1/accounts/${a.id}/privacy`, other.token), 404, 'account_not_found');
  });
});
