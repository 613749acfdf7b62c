// Bad input over HTTP, on SQLite and on PostgreSQL: every refusal carries the documented code, a
// Thai and an English message and a correlation id, and leaves every table as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withThaiCheckDigit } from '../src/core/ids.js';
import { ADMIN_TOKEN, DB_KINDS, auth, nextNationalId, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';
import { allRowCounts, expectError, expectRejectedWithoutWrites, withWrongCheckDigit, type InjectedResponse } from './support/bad-input.js';
import type { ErrorCode } from '../src/core/errors.js';

// "Now" for the platform: deeds of 2026 are in the past, March 2027 is in the future.
const NOW = new Date('2027-02-01T03:00:00Z');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Json = Record<string, unknown>;

describe.each(DB_KINDS)('bad input is refused with a documented error and nothing written (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let dsd: string;
  let khuangpao: string;
  let nongsarai: string;
  let person: { id: string; nationalId: string };
  let personTok: string;
  let orgId: string;
  let refSeq = 0;

  beforeAll(async () => {
    p = await openTestPlatform(kind, NOW);
    trc = await agencyToken(p.app, 'trc');
    dsd = await agencyToken(p.app, 'dsd');
    khuangpao = await agencyToken(p.app, 'khuangpao');
    nongsarai = await agencyToken(p.app, 'nongsarai');
    person = await enrolPerson(p.app);
    personTok = await personToken(p.app, person.id);
    const org = await p.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: auth(ADMIN_TOKEN),
      payload: { kind: 'organisation', displayName: 'สหกรณ์บ้านข่วงเปา', areaCode: '500204', consents: ['enrolment'] },
    });
    expect(org.statusCode, org.body).toBe(201);
    orgId = org.json<{ id: string }>().id;
  });
  afterAll(async () => p?.cleanup());

  const db = () => p.store.db;
  const refused = (send: () => Promise<InjectedResponse>, status: number, code: ErrorCode, opts?: { lang?: 'th' | 'en'; secrets?: readonly string[] }) =>
    expectRejectedWithoutWrites(db(), send, status, code, opts);
  const issuePaths = (details: unknown) => (details as { issues: Array<{ path: string }> }).issues.map((i) => i.path);

  const enrolBody = (over: Json = {}): Json => ({
    kind: 'person',
    nationalId: nextNationalId(),
    displayName: 'สมหญิง ใจงาม',
    areaCode: '500204',
    consents: ['enrolment'],
    ...over,
  });
  const enrol = (body: unknown, token = ADMIN_TOKEN, headers: Record<string, string> = {}) =>
    p.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: { ...auth(token), ...headers }, payload: body as Json });

  /** A red-cell donation by the enrolled person that TRC would credit, changed by `over`. */
  const deed = (over: Json = {}): Json => ({
    ref: `bad-${kind}-${++refSeq}`,
    subject: { nationalId: person.nationalId },
    indicator: 'trc.blood.red-cell',
    occurredAt: '2026-05-01T09:00:00+07:00',
    evidence: { donationNo: `D-${refSeq}` },
    ...over,
  });
  const postRaw = (url: string, token: string | undefined, contentType: string, payload: string, headers: Record<string, string> = {}) =>
    p.app.inject({ method: 'POST', url, headers: { ...(token ? auth(token) : {}), 'content-type': contentType, ...headers }, payload });

  describe('enrolment', () => {
    const cases: Array<{ name: string; body: () => Json; status: number; code: ErrorCode; path?: string }> = [
      {
        name: 'a Thai ID with a wrong check digit',
        body: () => enrolBody({ nationalId: withWrongCheckDigit(nextNationalId()) }),
        status: 400,
        code: 'invalid_national_id',
        path: 'body.nationalId',
      },
      { name: 'a 12-digit ID', body: () => enrolBody({ nationalId: nextNationalId().slice(0, 12) }), status: 400, code: 'invalid_national_id', path: 'body.nationalId' },
      { name: 'a 14-digit ID', body: () => enrolBody({ nationalId: `${nextNationalId()}0` }), status: 400, code: 'invalid_national_id', path: 'body.nationalId' },
      { name: 'an ID with letters', body: () => enrolBody({ nationalId: '1A0370207181B' }), status: 400, code: 'invalid_national_id', path: 'body.nationalId' },
      {
        name: 'an ID of type 9 (no such type) even with a right check digit',
        body: () => enrolBody({ nationalId: withThaiCheckDigit('910370207181') }),
        status: 400,
        code: 'invalid_national_id',
        path: 'body.nationalId',
      },
      { name: 'an ID given as a number', body: () => enrolBody({ nationalId: 1103702071811 }), status: 400, code: 'invalid_national_id', path: 'body.nationalId' },
      { name: 'no consent to the enrolment purpose', body: () => enrolBody({ consents: ['health'] }), status: 422, code: 'consent_required' },
      { name: 'an empty consent list', body: () => enrolBody({ consents: [] }), status: 400, code: 'validation_failed', path: 'body.consents' },
      { name: 'an unknown consent purpose', body: () => enrolBody({ consents: ['enrolment', 'marketing'] }), status: 400, code: 'validation_failed', path: 'body.consents.1' },
      { name: 'an unknown 6-digit subdistrict code', body: () => enrolBody({ areaCode: '999999' }), status: 404, code: 'area_not_found' },
      { name: 'a province code padded to 6 digits (500000)', body: () => enrolBody({ areaCode: '500000' }), status: 404, code: 'area_not_found' },
      // A bare province (or district) code fails the 6-digit pattern of the schema before any lookup.
      { name: 'a province code (50) instead of a subdistrict', body: () => enrolBody({ areaCode: '50' }), status: 400, code: 'validation_failed', path: 'body.areaCode' },
      { name: 'a district code (5002) instead of a subdistrict', body: () => enrolBody({ areaCode: '5002' }), status: 400, code: 'validation_failed', path: 'body.areaCode' },
      { name: 'an extra unknown field', body: () => enrolBody({ role: 'admin' }), status: 400, code: 'validation_failed' },
      { name: 'a person without national ID or passport', body: () => enrolBody({ nationalId: undefined }), status: 400, code: 'validation_failed', path: 'nationalId' },
      {
        name: 'both a national ID and a passport',
        body: () => enrolBody({ passport: { country: 'LAO', number: 'P1234567' } }),
        status: 400,
        code: 'validation_failed',
        path: 'body.passport',
      },
      {
        name: 'a passport with a 2-letter country',
        body: () => enrolBody({ nationalId: undefined, passport: { country: 'LA', number: 'P1234567' } }),
        status: 400,
        code: 'validation_failed',
        path: 'body.passport.country',
      },
      { name: 'a blank display name', body: () => enrolBody({ displayName: '   ' }), status: 400, code: 'validation_failed', path: 'body.displayName' },
      { name: 'an unknown account kind', body: () => enrolBody({ kind: 'robot' }), status: 400, code: 'validation_failed', path: 'body.kind' },
    ];

    it.each(cases)('refuses $name with $status $code', async ({ body, status, code, path }) => {
      const payload = body();
      const secrets = typeof payload.nationalId === 'string' && payload.nationalId.length === 13 ? [payload.nationalId] : [];
      const e = await refused(() => enrol(payload), status, code, { secrets });
      if (path) expect(issuePaths(e.details)).toContain(path);
    });

    it('reports the unknown area code and the expected level in the details', async () => {
      const e = await refused(() => enrol(enrolBody({ areaCode: '999999' })), 404, 'area_not_found');
      expect(e.details).toEqual({ areaCode: '999999', expected: 'a 6-digit subdistrict code' });
    });

    it('refuses a person already enrolled with 409 already_enrolled, also when the ID is typed with dashes', async () => {
      const nationalId = nextNationalId();
      const first = await enrol(enrolBody({ nationalId }));
      expect(first.statusCode, first.body).toBe(201);
      await refused(() => enrol(enrolBody({ nationalId, displayName: 'คนเดิม' })), 409, 'already_enrolled', { secrets: [nationalId] });
      const dashed = `${nationalId[0]}-${nationalId.slice(1, 5)}-${nationalId.slice(5, 10)}-${nationalId.slice(10, 12)}-${nationalId[12]}`;
      await refused(() => enrol(enrolBody({ nationalId: dashed })), 409, 'already_enrolled', { secrets: [nationalId] });
    });
  });

  describe('attestations', () => {
    const cases: Array<{ name: string; deed: () => Json; status: number; code: ErrorCode; token?: () => string; path?: string; details?: Json }> = [
      { name: 'an unknown indicator', deed: () => deed({ indicator: 'trc.blood.unicorn' }), status: 422, code: 'unknown_indicator', details: { indicator: 'trc.blood.unicorn' } },
      { name: 'the date "yesterday"', deed: () => deed({ occurredAt: 'yesterday' }), status: 400, code: 'invalid_date', path: 'body.occurredAt' },
      { name: 'month 13', deed: () => deed({ occurredAt: '2026-13-01T00:00:00+07:00' }), status: 400, code: 'invalid_date', path: 'body.occurredAt' },
      { name: '30 February', deed: () => deed({ occurredAt: '2026-02-30T09:00:00+07:00' }), status: 400, code: 'invalid_date', path: 'body.occurredAt' },
      { name: 'a time without offset', deed: () => deed({ occurredAt: '2026-05-01T09:00:00' }), status: 400, code: 'invalid_date', path: 'body.occurredAt' },
      { name: 'a date without time', deed: () => deed({ occurredAt: '2026-05-01' }), status: 400, code: 'invalid_date', path: 'body.occurredAt' },
      { name: 'a date as epoch milliseconds', deed: () => deed({ occurredAt: 1777600800000 }), status: 400, code: 'invalid_date', path: 'body.occurredAt' },
      { name: 'a deed next month', deed: () => deed({ occurredAt: '2027-03-01T09:00:00+07:00' }), status: 422, code: 'occurred_in_future' },
      { name: 'a deed 10 minutes ahead (beyond the clock slack)', deed: () => deed({ occurredAt: '2027-02-01T10:10:00+07:00' }), status: 422, code: 'occurred_in_future' },
      { name: 'a deed before the indicator existed', deed: () => deed({ occurredAt: '2019-06-01T09:00:00+07:00' }), status: 422, code: 'indicator_not_in_force' },
      { name: 'quantity 2 for an occurrence indicator', deed: () => deed({ quantity: 2 }), status: 400, code: 'invalid_quantity', details: { unit: 'occurrence', quantity: 2 } },
      { name: 'quantity 0', deed: () => deed({ quantity: 0 }), status: 400, code: 'validation_failed', path: 'body.quantity' },
      {
        name: '1.3 hours (not a quarter step) for an hourly indicator',
        token: () => dsd,
        deed: () => deed({ indicator: 'dsd.skills.training-hours', quantity: 1.3, evidence: { courseNo: 'C-1' } }),
        status: 400,
        code: 'invalid_quantity',
      },
      { name: 'no evidence for a TRC indicator', deed: () => deed({ evidence: undefined }), status: 422, code: 'evidence_required' },
      { name: 'empty evidence for a TRC indicator', deed: () => deed({ evidence: {} }), status: 422, code: 'evidence_required' },
      {
        name: 'more than 10 evidence fields',
        deed: () => deed({ evidence: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`f${i}`, 'x'])) }),
        status: 400,
        code: 'validation_failed',
        path: 'body.evidence',
      },
      {
        name: 'an evidence value over 500 characters',
        deed: () => deed({ evidence: { donationNo: 'x'.repeat(501) } }),
        status: 400,
        code: 'validation_failed',
        path: 'body.evidence.donationNo',
      },
      { name: 'a subject who is not enrolled (national ID)', deed: () => deed({ subject: { nationalId: nextNationalId() } }), status: 422, code: 'subject_not_enrolled' },
      {
        name: 'a subject who is not enrolled (account id)',
        deed: () => deed({ subject: { accountId: '01a00000-0000-7000-8000-000000000000' } }),
        status: 422,
        code: 'subject_not_enrolled',
      },
      {
        name: 'a subject who is not enrolled (passport)',
        deed: () => deed({ subject: { passport: { country: 'MMR', number: 'MA123456' } } }),
        status: 422,
        code: 'subject_not_enrolled',
      },
      {
        name: 'a subject with two identifiers',
        deed: () => deed({ subject: { nationalId: person.nationalId, accountId: person.id } }),
        status: 400,
        code: 'validation_failed',
        path: 'body.subject',
      },
      { name: 'a subject with no identifier', deed: () => deed({ subject: {} }), status: 400, code: 'validation_failed', path: 'body.subject' },
      {
        name: 'a subject with a wrong check digit',
        deed: () => deed({ subject: { nationalId: withWrongCheckDigit(person.nationalId) } }),
        status: 400,
        code: 'invalid_national_id',
        path: 'body.subject.nationalId',
      },
      {
        // The issuer is not told that the account exists: the same answer as for nobody enrolled.
        name: 'a person-only indicator for an organisation',
        deed: () => deed({ subject: { accountId: orgId } }),
        status: 422,
        code: 'subject_not_enrolled',
      },
      { name: 'an extra unknown field', deed: () => deed({ points: 1000 }), status: 400, code: 'validation_failed' },
      { name: 'a ref with a space', deed: () => deed({ ref: 'my ref' }), status: 400, code: 'validation_failed', path: 'body.ref' },
    ];

    it.each(cases)('refuses $name with $status $code', async ({ deed: make, status, code, token, path, details }) => {
      const d = make();
      const e = await refused(() => attest(p.app, token ? token() : trc, d), status, code, { secrets: [person.nationalId] });
      if (path) expect(issuePaths(e.details)).toContain(path);
      if (details) expect(e.details).toEqual(details);
    });

    it('still credits the same deed once the input is right (the cases above are refused for their fault alone)', async () => {
      const res = await attest(p.app, trc, deed());
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ status: 'credited', credit: { points: 70, year: 2026 } });
    });

    it('refuses an over-long evidence value under the key "nationalId" with 400 and writes nothing', async () => {
      const e = await expectRejectedWithoutWrites(db(), () => attest(p.app, trc, deed({ evidence: { nationalId: 'x'.repeat(501) } })), 400, ['validation_failed']);
      expect(issuePaths(e.details)).toEqual(['body.evidence.nationalId']);
    });

    it.each([
      ['a huge evidence string', () => JSON.stringify(deed({ evidence: { donationNo: 'x'.repeat(1_100_000) } }))],
      ['a padding field', () => JSON.stringify({ ...deed(), padding: ' '.repeat(1_048_577) })],
    ])('refuses a body over 1 MiB (%s) with 413 payload_too_large', async (_name, body) => {
      const payload = body();
      expect(payload.length).toBeGreaterThan(1_048_576);
      await refused(() => postRaw('/api/v1/attestations', trc, 'application/json', payload), 413, 'payload_too_large');
    });

    it('refuses a batch body over its 10 MiB limit with 413 payload_too_large', async () => {
      const payload = JSON.stringify({ items: [deed()], padding: 'x'.repeat(10 * 1024 * 1024 + 1) });
      await refused(() => postRaw('/api/v1/attestations/batch', trc, 'application/json', payload), 413, 'payload_too_large');
    });

    it.each([
      ['truncated JSON', '{"ref": "r-1", "subject": '],
      ['single quotes', "{'ref': 'r-1'}"],
      ['an empty body', ''],
    ])('refuses %s with 400 invalid_json', async (_name, text) => {
      await refused(() => postRaw('/api/v1/attestations', trc, 'application/json', text), 400, 'invalid_json');
    });

    it('refuses a JSON body with a __proto__ key with 400', async () => {
      const text = `{"__proto__":{"admin":true},${JSON.stringify(deed()).slice(1)}`;
      await refused(() => postRaw('/api/v1/attestations', trc, 'application/json', text), 400, 'invalid_json');
    });

    it.each([
      ['application/xml', '<deed/>'],
      ['application/x-www-form-urlencoded', 'ref=r-1&indicator=trc.blood.red-cell'],
    ])('refuses content type %s with 415 unsupported_media_type', async (type, text) => {
      await refused(() => postRaw('/api/v1/attestations', trc, type, text), 415, 'unsupported_media_type');
    });

    it('refuses a text/plain body with 415 and writes nothing', async () => {
      await expectRejectedWithoutWrites(db(), () => postRaw('/api/v1/attestations', trc, 'text/plain', JSON.stringify(deed())), 415, ['unsupported_media_type']);
    });
  });

  describe('roles and tokens', () => {
    it('refuses a request without a token with 401 unauthenticated', async () => {
      await refused(() => p.app.inject({ method: 'POST', url: '/api/v1/attestations', payload: deed() }), 401, 'unauthenticated');
    });

    it.each([
      ['a garbage bearer token', { authorization: 'Bearer kda_not-a-real-token' }],
      ['a Basic credential', { authorization: `Basic ${Buffer.from('trc:secret').toString('base64')}` }],
      ['a bare token without the Bearer scheme', { authorization: ADMIN_TOKEN }],
    ])('refuses %s with 401 unauthenticated', async (_name, headers) => {
      await refused(() => p.app.inject({ method: 'POST', url: '/api/v1/attestations', headers, payload: deed() }), 401, 'unauthenticated');
    });

    it('refuses a revoked key with 401 unauthenticated', async () => {
      const created = await p.app.inject({ method: 'POST', url: '/api/v1/agencies/trc/keys', headers: auth(ADMIN_TOKEN), payload: { label: 'to revoke' } });
      expect(created.statusCode, created.body).toBe(201);
      const { keyId, token } = created.json<{ keyId: string; token: string }>();
      // Before revocation the key authenticates: the request gets past 401 to the catalogue check.
      await refused(() => attest(p.app, token, deed({ indicator: 'trc.no-such' })), 422, 'unknown_indicator');
      // A non-admin cannot revoke it.
      await refused(() => p.app.inject({ method: 'DELETE', url: `/api/v1/keys/${keyId}`, headers: auth(trc) }), 403, 'forbidden');
      const revoked = await p.app.inject({ method: 'DELETE', url: `/api/v1/keys/${keyId}`, headers: auth(ADMIN_TOKEN) });
      expect(revoked.statusCode, revoked.body).toBe(204);
      await refused(() => attest(p.app, token, deed({ indicator: 'trc.no-such' })), 401, 'unauthenticated');
      await refused(() => attest(p.app, token, deed()), 401, 'unauthenticated');
      // The other TRC key is untouched.
      await refused(() => attest(p.app, trc, deed({ indicator: 'trc.no-such' })), 422, 'unknown_indicator');
    });

    it('refuses revoking an unknown key with 404 not_found and a malformed key id with 400', async () => {
      await refused(() => p.app.inject({ method: 'DELETE', url: '/api/v1/keys/01a00000-0000-7000-8000-000000000000', headers: auth(ADMIN_TOKEN) }), 404, 'not_found');
      await refused(() => p.app.inject({ method: 'DELETE', url: '/api/v1/keys/not-a-key', headers: auth(ADMIN_TOKEN) }), 400, 'validation_failed');
    });

    it('refuses a person token attesting with 403 forbidden', async () => {
      await refused(() => attest(p.app, personTok, deed()), 403, 'forbidden');
    });

    it('refuses a certifier-only agency (nongsarai) attesting with 403 and writes nothing', async () => {
      await expectRejectedWithoutWrites(db(), () => attest(p.app, nongsarai, deed()), 403, ['forbidden']);
    });

    it('refuses TRC attesting a khuangpao.* indicator with 403 out_of_scope', async () => {
      const e = await refused(
        () => attest(p.app, trc, deed({ indicator: 'khuangpao.village-meeting', subject: { accountId: person.id }, evidence: undefined })),
        403,
        'out_of_scope',
      );
      expect(e.details).toEqual({ indicator: 'khuangpao.village-meeting' });
    });

    it.each([
      ['a person', () => personTok],
      ['an agency', () => trc],
    ])('refuses %s creating agency keys with 403 forbidden', async (_name, token) => {
      await refused(() => p.app.inject({ method: 'POST', url: '/api/v1/agencies/trc/keys', headers: auth(token()), payload: {} }), 403, 'forbidden');
    });

    it('refuses the admin creating keys for an unknown agency with 404 agency_not_found', async () => {
      await refused(() => p.app.inject({ method: 'POST', url: '/api/v1/agencies/nobody/keys', headers: auth(ADMIN_TOKEN), payload: {} }), 404, 'agency_not_found');
    });

    it.each([
      ['the Khuang Pao registrar enrolling in Nong Sarai (710911)', () => khuangpao, '710911'],
      ['the Nong Sarai registrar enrolling in Khuang Pao (500204)', () => nongsarai, '500204'],
      ['an issuer-only agency (TRC) enrolling', () => trc, '500204'],
      ['a person enrolling someone', () => personTok, '500204'],
    ])('refuses %s with 403 forbidden', async (_name, token, areaCode) => {
      const body = enrolBody({ areaCode });
      await refused(() => enrol(body, token()), 403, 'forbidden', { secrets: [body.nationalId as string] });
    });

    it('lets the Khuang Pao registrar enrol in its own area (the 403 above is about the area)', async () => {
      const res = await enrol(enrolBody({ areaCode: '500204' }), khuangpao);
      expect(res.statusCode, res.body).toBe(201);
    });
  });

  describe('catalogue writes', () => {
    const rule = (over: Json = {}): Json => ({
      code: `trc.test.bad-${kind}-${++refSeq}`,
      name: { th: 'ทดสอบ', en: 'Test deed' },
      domain: 'community',
      accountKinds: ['person'],
      owner: { kind: 'agency', agency: 'trc' },
      unit: 'occurrence',
      points: 10,
      certification: 'auto',
      ...over,
    });
    const define = (token: string, body: Json) => p.app.inject({ method: 'POST', url: '/api/v1/indicators', headers: auth(token), payload: body });
    const revise = (token: string, code: string, body: Json) => p.app.inject({ method: 'PUT', url: `/api/v1/indicators/${code}`, headers: auth(token), payload: body });

    it.each([
      ['negative points', { points: -10 }, 'points'],
      ['zero points', { points: 0 }, 'points'],
      ['fractional points', { points: 2.5 }, 'points'],
      ['points above the committee bound of 300', { points: 301 }, 'points'],
      ['an unknown domain', { domain: 'wealth' }, 'domain'],
      ['no account kinds', { accountKinds: [] }, 'accountKinds'],
      ['an unknown field', { deductions: 5 }, ''],
      ['a national indicator not worth the baseline 30', { code: 'nat.person.test-bad', owner: { kind: 'national' }, points: 50 }, 'points'],
    ])('refuses a rule with %s with 400 invalid_rule and its issues', async (_name, over, path) => {
      const e = await refused(() => define(ADMIN_TOKEN, { definition: rule(over) }), 400, 'invalid_rule');
      const issues = (e.details as { issues: Array<{ path: string; message: string }> }).issues;
      expect(issues.length).toBeGreaterThan(0);
      expect(issues.map((i) => i.path)).toContain(path);
      for (const i of issues) expect(i.message.length).toBeGreaterThan(0);
    });

    it.each([
      ['Reporting illegal behaviour', { name: { th: 'แจ้งพฤติกรรมผิดกฎหมาย', en: 'Reporting illegal behaviour' } }],
      ['Thai "แจ้งเบาะแส" (tip-offs)', { name: { th: 'แจ้งเบาะแสผู้กระทำผิด', en: 'Community tips' } }],
      ['paying fines', { name: { th: 'จ่ายค่าปรับตรงเวลา', en: 'Pay fines on time' } }],
    ])('refuses a rule rewarding %s with 422 rule_violates_principle', async (_name, over) => {
      const e = await refused(() => define(ADMIN_TOKEN, { definition: rule(over) }), 422, 'rule_violates_principle');
      expect(issuePaths(e.details)).toEqual(['name']);
    });

    it('refuses a duplicate indicator with 409 indicator_exists', async () => {
      const code = `trc.test.dup-${kind}`;
      const first = await define(ADMIN_TOKEN, { definition: rule({ code }), effectiveFrom: '2027-03-01T00:00:00+07:00' });
      expect(first.statusCode, first.body).toBe(201);
      await refused(() => define(ADMIN_TOKEN, { definition: rule({ code, points: 20 }) }), 409, 'indicator_exists');
      // A seed indicator too.
      const seedLike = rule({ code: 'trc.blood.red-cell', domain: 'health', points: 70, evidence: 'reference', sensitive: 'health' });
      await refused(() => define(ADMIN_TOKEN, { definition: seedLike }), 409, 'indicator_exists');
    });

    const standardTest = (over: Json = {}): Json => ({
      code: 'dsd.skills.standard-test',
      name: { th: 'ผ่านการทดสอบมาตรฐานฝีมือแรงงาน', en: 'Pass a national skill-standard test' },
      domain: 'learning',
      accountKinds: ['person'],
      owner: { kind: 'agency', agency: 'dsd' },
      unit: 'occurrence',
      points: 60,
      caps: { maxPerYear: 2 },
      certification: 'auto',
      evidence: 'reference',
      ...over,
    });

    it.each([
      ['last year', '2026-01-01T00:00:00+07:00'],
      ['an hour ago', '2027-02-01T09:00:00+07:00'],
    ])('refuses a revision effective %s with 422 retroactive_change', async (_name, effectiveFrom) => {
      const e = await refused(() => revise(ADMIN_TOKEN, 'dsd.skills.standard-test', { definition: standardTest(), effectiveFrom }), 422, 'retroactive_change');
      expect(e.details).toMatchObject({ effectiveFrom, now: NOW.toISOString() });
    });

    it('refuses a revision with a malformed effective date with 400 invalid_date', async () => {
      const e = await refused(
        () => revise(ADMIN_TOKEN, 'dsd.skills.standard-test', { definition: standardTest(), effectiveFrom: '2027-13-01T00:00:00+07:00' }),
        400,
        'invalid_date',
      );
      expect(issuePaths(e.details)).toContain('body.effectiveFrom');
    });

    it('refuses a revision without an effective date with 400 invalid_date', async () => {
      // The error handler maps every schema issue on effectiveFrom, a missing one too, to invalid_date.
      const e = await refused(() => revise(ADMIN_TOKEN, 'dsd.skills.standard-test', { definition: standardTest() }), 400, 'invalid_date');
      expect(issuePaths(e.details)).toEqual(['body.effectiveFrom']);
    });

    it('refuses a revision whose code differs from the URL with 400 validation_failed', async () => {
      await refused(() => revise(ADMIN_TOKEN, 'dsd.skills.training-hours', { definition: standardTest(), effectiveFrom: '2027-06-01T00:00:00+07:00' }), 400, 'validation_failed');
    });

    it('refuses a revision that changes the owner with 400 invalid_rule', async () => {
      await refused(
        () =>
          revise(ADMIN_TOKEN, 'dsd.skills.standard-test', { definition: standardTest({ owner: { kind: 'agency', agency: 'trc' } }), effectiveFrom: '2027-06-01T00:00:00+07:00' }),
        400,
        'invalid_rule',
      );
    });

    it('refuses revising an unknown indicator with 422 unknown_indicator', async () => {
      await refused(
        () => revise(ADMIN_TOKEN, 'dsd.skills.nothing', { definition: standardTest({ code: 'dsd.skills.nothing' }), effectiveFrom: '2027-06-01T00:00:00+07:00' }),
        422,
        'unknown_indicator',
      );
    });

    it.each([
      ['TRC defining an indicator owned by DSD', () => trc, () => rule({ code: 'dsd.test.by-trc', owner: { kind: 'agency', agency: 'dsd' } })],
      ['TRC defining a trc.* code owned by DSD', () => trc, () => rule({ owner: { kind: 'agency', agency: 'dsd' } })],
      ['TRC defining a dsd.* code it says it owns', () => trc, () => rule({ code: 'dsd.test.claimed' })],
      ['TRC defining a national indicator', () => trc, () => rule({ code: 'nat.person.by-trc', owner: { kind: 'national' }, points: 30 })],
      ['a person defining an indicator', () => personTok, () => rule()],
    ])('refuses %s with 403 forbidden', async (_name, token, def) => {
      await refused(() => define(token(), { definition: def() }), 403, 'forbidden');
    });

    it('refuses DSD revising a TRC indicator with 403 forbidden', async () => {
      const red = rule({ code: 'trc.blood.red-cell', domain: 'health', points: 80, evidence: 'reference', sensitive: 'health' });
      await refused(() => revise(dsd, 'trc.blood.red-cell', { definition: red, effectiveFrom: '2027-06-01T00:00:00+07:00' }), 403, 'forbidden');
    });

    it('refuses defining without a token with 401 unauthenticated', async () => {
      await refused(() => p.app.inject({ method: 'POST', url: '/api/v1/indicators', payload: { definition: rule() } }), 401, 'unauthenticated');
    });

    it('lets TRC propose its own indicator (the 403s above are about ownership); it waits for the committee', async () => {
      const res = await define(trc, { definition: rule(), effectiveFrom: '2027-03-01T00:00:00+07:00' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ status: 'proposed', proposedBy: { kind: 'agency', agency: 'trc' } });
    });
  });

  describe('routes and parameters', () => {
    it.each([
      ['GET', '/api/v1/nothing-here?secret=1'],
      ['POST', '/api/v1/attestation'],
      ['DELETE', '/api/v1/attestations'],
    ] as const)('answers %s %s with 404 not_found in the envelope', async (method, url) => {
      const e = await refused(() => p.app.inject({ method, url, headers: auth(ADMIN_TOKEN) }), 404, 'not_found');
      expect(e.details).toEqual({ method, url: url.split('?')[0] });
    });

    it('refuses a score for an account id that is not a UUID with 400 validation_failed', async () => {
      const e = await refused(() => p.app.inject({ method: 'GET', url: '/api/v1/accounts/not-a-uuid/score', headers: auth(ADMIN_TOKEN) }), 400, 'validation_failed');
      expect(issuePaths(e.details)).toEqual(['params.id']);
    });

    it.each([['abc'], ['1999'], ['2026.5']])('refuses a score for year=%s with 400 validation_failed', async (year) => {
      const e = await refused(() => p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/score?year=${year}`, headers: auth(ADMIN_TOKEN) }), 400, 'validation_failed');
      expect(issuePaths(e.details)).toEqual(['querystring.year']);
    });

    it('answers a score for an unknown account with 404 account_not_found', async () => {
      await refused(
        () => p.app.inject({ method: 'GET', url: '/api/v1/accounts/01a00000-0000-7000-8000-000000000000/score', headers: auth(ADMIN_TOKEN) }),
        404,
        'account_not_found',
      );
    });

    it('refuses a score without a token with 401 unauthenticated', async () => {
      await refused(() => p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/score` }), 401, 'unauthenticated');
    });
  });

  describe('language and correlation', () => {
    const failures: Array<[string, (h: Record<string, string>) => Promise<InjectedResponse>, number, ErrorCode]> = [
      [
        'a service refusal',
        (h) => p.app.inject({ method: 'POST', url: '/api/v1/attestations', headers: { ...auth(trc), ...h }, payload: deed({ indicator: 'trc.no-such' }) }),
        422,
        'unknown_indicator',
      ],
      [
        'a schema refusal',
        (h) => p.app.inject({ method: 'POST', url: '/api/v1/attestations', headers: { ...auth(trc), ...h }, payload: deed({ occurredAt: 'yesterday' }) }),
        400,
        'invalid_date',
      ],
      ['an unknown route', (h) => p.app.inject({ method: 'GET', url: '/api/v1/nope', headers: h }), 404, 'not_found'],
      ['a missing token', (h) => p.app.inject({ method: 'POST', url: '/api/v1/attestations', headers: h, payload: deed() }), 401, 'unauthenticated'],
      [
        'an oversized body',
        (h) => postRaw('/api/v1/attestations', trc, 'application/json', JSON.stringify({ ...deed(), padding: 'x'.repeat(1_100_000) }), h),
        413,
        'payload_too_large',
      ],
    ];

    it.each(failures)('gives the English message for Accept-Language: en (%s)', async (_name, send, status, code) => {
      const e = await refused(() => send({ 'accept-language': 'en' }), status, code, { lang: 'en' });
      expect(e.message).not.toMatch(/[\u0E00-\u0E7F]/);
    });

    it.each(failures)('gives the Thai message by default (%s)', async (_name, send, status, code) => {
      const e = await refused(() => send({}), status, code, { lang: 'th' });
      expect(e.message).toMatch(/[\u0E00-\u0E7F]/);
    });

    it.each([
      ['en-GB,en;q=0.9', 'en'],
      ['EN', 'en'],
      ['th-TH,th;q=0.9', 'th'],
      ['fr-FR', 'th'],
    ] as const)('reads Accept-Language %s as %s', async (header, lang) => {
      await refused(() => p.app.inject({ method: 'GET', url: '/api/v1/nope', headers: { 'accept-language': header } }), 404, 'not_found', { lang });
    });

    it.each(failures)('echoes a valid client correlation id (%s)', async (_name, send, status, code) => {
      const given = `client-${kind}-${code}.0001`;
      const e = await refused(() => send({ 'x-correlation-id': given }), status, code);
      expect(e.correlationId).toBe(given);
    });

    it.each([
      ['too short', 'abc'],
      ['with spaces', 'not a valid id'],
      ['too long', 'x'.repeat(65)],
      ['with a slash', 'abc/def/ghi'],
    ])('replaces a client correlation id that is %s with a fresh UUID', async (_name, given) => {
      const e = await refused(() => p.app.inject({ method: 'GET', url: '/api/v1/nope', headers: { 'x-correlation-id': given } }), 404, 'not_found');
      expect(e.correlationId).not.toBe(given);
      expect(e.correlationId).toMatch(UUID);
    });

    it('gives every request its own correlation id', async () => {
      const a = expectError(await p.app.inject({ method: 'GET', url: '/api/v1/nope' }), 404, 'not_found');
      const b = expectError(await p.app.inject({ method: 'GET', url: '/api/v1/nope' }), 404, 'not_found');
      expect(a.correlationId).toMatch(UUID);
      expect(b.correlationId).toMatch(UUID);
      expect(a.correlationId).not.toBe(b.correlationId);
    });
  });

  describe('the national ID stays out of responses and storage', () => {
    it('never returns or stores the national ID in clear', async () => {
      const nationalId = nextNationalId();
      const dashed = `${nationalId[0]}-${nationalId.slice(1, 5)}-${nationalId.slice(5, 10)}-${nationalId.slice(10, 12)}-${nationalId[12]}`;
      const res = await enrol(enrolBody({ nationalId: dashed, consents: ['enrolment', 'health'] }));
      expect(res.statusCode, res.body).toBe(201);
      expect(res.body).not.toContain(nationalId);
      expect(res.body).not.toContain(dashed);
      const { id } = res.json<{ id: string }>();

      const reads = [
        await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${id}`, headers: auth(ADMIN_TOKEN) }),
        await p.app.inject({ method: 'POST', url: '/api/v1/accounts/lookup', headers: auth(ADMIN_TOKEN), payload: { nationalId } }),
        await attest(p.app, trc, deed({ subject: { nationalId } })),
      ];
      for (const r of reads) {
        expect(r.statusCode, r.body).toBeLessThan(300);
        expect(r.body).not.toContain(nationalId);
      }
      expect(reads[1]!.json()).toEqual({ id });
      expect(reads[2]!.json()).toMatchObject({ status: 'credited' });

      const row = await db().selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.identifier_hash).toBeTruthy();
      expect(row.identifier_enc).toBeTruthy();
      const everyAccount = JSON.stringify(await db().selectFrom('accounts').selectAll().execute());
      expect(everyAccount).toContain(id);
      expect((everyAccount.match(/\d{13}/g) ?? []).filter((s) => s === nationalId)).toEqual([]);
      expect(everyAccount).not.toContain(nationalId);
      for (const t of ['attestations', 'credits', 'log_entries', 'consents'] as const) {
        const rows = JSON.stringify(await db().selectFrom(t).selectAll().execute());
        expect(rows, t).not.toContain(nationalId);
      }
    });
  });

  describe('documentation and health', () => {
    it('serves an OpenAPI document listing the attestation and score paths', async () => {
      const res = await p.app.inject({ method: 'GET', url: '/docs/json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.paths['/api/v1/attestations']).toHaveProperty('post');
      expect(doc.paths['/api/v1/accounts/{id}/score']).toHaveProperty('get');
    });

    it('answers GET /healthz with 200 and a correlation id', async () => {
      const res = await p.app.inject({ method: 'GET', url: '/healthz' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok' });
      expect(res.headers['x-correlation-id']).toMatch(UUID);
    });

    it('counts every table the bad-input checks compare', async () => {
      // Guards the helper itself: a write must show up in the counts.
      const before = await allRowCounts(db());
      const other = await enrolPerson(p.app);
      const after = await allRowCounts(db());
      expect(after.accounts).toBe(before.accounts! + 1);
      expect(after.consents).toBe(before.consents! + 2);
      expect(after).not.toEqual(before);
      expect(other.id).toMatch(UUID);
    });
  });
});
