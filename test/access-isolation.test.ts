// Route by route, on both databases: every route of the app is classified by who may use it (the
// test fails on a route nobody classified), then each person-data route is tried by everyone who
// must not reach another person's record — another person by token and by web session, an issuer,
// a partner, the committee, and a certifier and registrar of another area by token and by session —
// and each agency-owned object by another agency.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { buildApp } from '../src/http/app.js';
import { ADMIN_TOKEN, DB_KINDS, auth, nextNationalId } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';
import { filePart, multipart, pdf } from './support/evidence-files.js';
import { CookieJar, WEB_ROOT, jarFetch, openWebPlatform, signInWithFetch, type WebPlatform } from './support/web-platform.js';

/**
 * Who may use a route. Person-data classes name the account in the path (`:id`):
 * - `holder`: the account holder alone;
 * - `account-reader`: the holder, the admin, and certifiers and registrars of the home area;
 * - `holder-or-registrar`: the holder, the admin, a registrar of the home area;
 * - `registrar`: the admin or a registrar of the home area;
 * - `credit-party`: a credit's person, its issuer and certifier, and staff who read the account (test/reversals.test.ts);
 * - `dispute-party`: a dispute's person, its respondent and, once escalated, a reviewer (test/disputes.test.ts);
 * - `holder-or-admin`: the holder, or the admin on the person's verified request (restriction, erasure);
 * - `evidence`: the holder, and the certifier of the home area once the file is attached to a deed.
 * Others: `public` (no sign-in), `signed-in` (the web session's own identity), `staff-in-area`
 * (staff enrolling a person, or finding one by national ID or card: only within their areas), `issuer`, `certifier`,
 * `partner` (its own objects only), `agency-own` (an object of one agency: only that agency),
 * `agency-staff-admin` (an agency's own administrators, and the admin), `committee`,
 * `committee-or-owner` (a proposal: its owner agency or partner, decisions by the committee), `admin`.
 */
type Access =
  | 'public'
  | 'signed-in'
  | 'holder'
  | 'account-reader'
  | 'holder-or-registrar'
  | 'holder-or-admin'
  | 'credit-party'
  | 'dispute-party'
  | 'registrar'
  | 'evidence'
  | 'staff-in-area'
  | 'issuer'
  | 'certifier'
  | 'partner'
  | 'agency-own'
  | 'agency-staff-admin'
  | 'committee'
  | 'committee-or-owner'
  | 'admin';

/** Every route of the app, "METHOD path" as Fastify registers it. A new route must be added here. */
const ROUTES: Record<string, Access> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /livez': 'public',
  'GET /metrics': 'public',
  // Accounts
  'POST /api/v1/accounts': 'staff-in-area',
  'POST /api/v1/accounts/lookup': 'staff-in-area',
  'GET /api/v1/accounts/:id': 'account-reader',
  'GET /api/v1/accounts/:id/score': 'account-reader',
  'GET /api/v1/accounts/:id/years': 'account-reader',
  'GET /api/v1/accounts/:id/credits': 'account-reader',
  'GET /api/v1/accounts/:id/attestations': 'account-reader',
  'POST /api/v1/accounts/:id/tokens': 'registrar',
  // Wallet
  'GET /api/v1/accounts/:id/balance': 'account-reader',
  'GET /api/v1/accounts/:id/achievements': 'account-reader',
  'POST /api/v1/accounts/:id/redemptions': 'holder',
  'GET /api/v1/accounts/:id/redemptions': 'holder',
  'GET /api/v1/accounts/:id/redemptions/:voucherId/qr.svg': 'holder',
  'POST /api/v1/accounts/:id/eligibility-tokens': 'holder',
  // Cards
  'GET /api/v1/accounts/:id/card': 'account-reader',
  'GET /api/v1/accounts/:id/card.pdf': 'account-reader',
  'POST /api/v1/accounts/:id/card': 'holder-or-registrar',
  'POST /api/v1/accounts/scan': 'staff-in-area',
  // Certificates
  'GET /api/v1/accounts/:id/certificates/credits/:creditId': 'account-reader',
  'GET /api/v1/accounts/:id/certificates/volunteer-hours': 'account-reader',
  'GET /api/v1/accounts/:id/certificates/annual-statement': 'account-reader',
  'POST /api/v1/certificates/verify': 'public',
  // A person's own deeds, evidence and predictions
  'POST /api/v1/accounts/:id/declarations': 'holder',
  'POST /api/v1/accounts/:id/evidence': 'holder',
  'GET /api/v1/accounts/:id/evidence/:sha256': 'evidence',
  'GET /api/v1/accounts/:id/predictions': 'holder',
  'GET /api/v1/accounts/:id/opportunities': 'holder',
  // Restriction and erasure (the probe restricts and lifts again; erasure without its phrase is refused as such)
  // Consents, the access log and the export are the person's alone (not even the admin's)
  'GET /api/v1/accounts/:id/consents': 'holder',
  'POST /api/v1/accounts/:id/consents': 'holder',
  'DELETE /api/v1/accounts/:id/consents/:purpose': 'holder',
  'POST /api/v1/accounts/:id/consents/:purpose/withdraw': 'holder',
  'GET /api/v1/accounts/:id/consents/receipts/:receiptId': 'holder',
  'GET /api/v1/accounts/:id/access-log': 'holder',
  'GET /api/v1/accounts/:id/export': 'holder',
  'GET /api/v1/accounts/:id/export.pdf': 'holder',
  // Disputes and ratings
  'GET /api/v1/accounts/:id/disputes': 'holder',
  'POST /api/v1/accounts/:id/disputes': 'holder',
  'GET /api/v1/accounts/:id/ratings': 'holder',
  'POST /api/v1/accounts/:id/ratings': 'holder',
  'GET /api/v1/disputes/settings': 'public',
  'PUT /api/v1/disputes/settings': 'committee',
  'GET /api/v1/disputes/:id': 'dispute-party',
  'GET /api/v1/disputes/:id/evidence/:sha256': 'dispute-party',
  'POST /api/v1/disputes/:id/answer': 'dispute-party',
  'POST /api/v1/disputes/:id/accept': 'dispute-party',
  'POST /api/v1/disputes/:id/contest': 'dispute-party',
  'POST /api/v1/disputes/:id/decision': 'dispute-party',
  'POST /api/v1/disputes/:id/correction': 'dispute-party',
  'GET /api/v1/agencies/:code/disputes': 'agency-own',
  'GET /api/v1/agencies/:code/ratings': 'agency-own',
  'GET /api/v1/stats/agencies': 'public',
  // Reversals and certificate status
  'GET /api/v1/credits/:id': 'credit-party',
  'POST /api/v1/credits/:id/reversal': 'credit-party',
  'GET /api/v1/reversals/:id': 'credit-party',
  'GET /api/v1/certificates/status/:list': 'public',
  // The committee's rules
  'GET /api/v1/committee/groups': 'committee',
  'PUT /api/v1/committee/groups/:group/agencies/:agency': 'committee',
  'DELETE /api/v1/committee/groups/:group/agencies/:agency': 'committee',
  'GET /api/v1/committee/settings': 'committee',
  'PUT /api/v1/committee/settings': 'committee',
  // The exchange standard: agencies' manifest keys, import receipts, the published documents
  'GET /api/v1/signing-keys': 'agency-own',
  'POST /api/v1/signing-keys': 'agency-own',
  'DELETE /api/v1/signing-keys/:kid': 'agency-own',
  'GET /api/v1/imports/:id/receipt': 'agency-own',
  'GET /docs/exchange': 'public',
  'GET /docs/exchange/:file': 'public',
  'GET /api/v1/accounts/:id/privacy': 'holder-or-admin',
  'POST /api/v1/accounts/:id/restriction': 'holder-or-admin',
  'DELETE /api/v1/accounts/:id/restriction': 'holder-or-admin',
  'POST /api/v1/accounts/:id/erasure': 'holder-or-admin',
  // Attestation and certification
  'POST /api/v1/attestations': 'issuer',
  'POST /api/v1/attestations/batch': 'issuer',
  'GET /api/v1/attestations/pending': 'certifier',
  'POST /api/v1/attestations/:id/certify': 'certifier',
  'POST /api/v1/certifications/meetings': 'certifier',
  'GET /api/v1/certifications/meetings': 'certifier',
  'GET /api/v1/certifications/meetings/:id': 'agency-own',
  // Catalogue
  'GET /api/v1/domains': 'public',
  'GET /api/v1/indicators': 'public',
  'GET /api/v1/indicators/:code': 'public',
  'POST /api/v1/indicators': 'committee-or-owner',
  'PUT /api/v1/indicators/:code': 'committee-or-owner',
  'POST /api/v1/indicators/:code/versions/:version/approve': 'committee',
  'POST /api/v1/indicators/:code/versions/:version/refuse': 'committee',
  'GET /api/v1/committee/proposals': 'committee',
  'GET /api/v1/committee/catalogue': 'committee',
  // Agencies, keys, staff
  'GET /api/v1/agencies': 'public',
  'GET /api/v1/areas': 'public',
  'GET /api/v1/areas/:code': 'public',
  'POST /api/v1/agencies': 'admin',
  'POST /api/v1/agencies/:code/keys': 'admin',
  'DELETE /api/v1/keys/:keyId': 'admin',
  'GET /api/v1/agencies/:code/staff': 'agency-staff-admin',
  'POST /api/v1/agencies/:code/staff': 'agency-staff-admin',
  'DELETE /api/v1/agencies/:code/staff/:id': 'agency-staff-admin',
  // Privileges and partners
  'GET /api/v1/privileges': 'public',
  'GET /api/v1/privileges/:code': 'public',
  'POST /api/v1/privileges': 'committee-or-owner',
  'POST /api/v1/privileges/:code/approve': 'committee',
  'POST /api/v1/privileges/:code/refuse': 'committee',
  'GET /api/v1/policies/balance-expiry': 'public',
  'PUT /api/v1/policies/balance-expiry': 'committee',
  'GET /.well-known/jwks.json': 'public',
  'GET /api/v1/partner/privileges': 'partner',
  'GET /api/v1/partner/stats': 'partner',
  'POST /api/v1/partner/vouchers/confirm': 'partner',
  'POST /api/v1/partner/eligibility/verify': 'partner',
  'PUT /api/v1/partner/webhook': 'partner',
  'GET /api/v1/partner/webhook': 'partner',
  'DELETE /api/v1/partner/webhook': 'partner',
  'GET /api/v1/partner/webhook/deliveries': 'partner',
  // Opportunities
  'GET /api/v1/opportunities': 'public',
  'GET /api/v1/opportunities/:id': 'public',
  'POST /api/v1/opportunities': 'issuer',
  'PATCH /api/v1/opportunities/:id': 'agency-own',
  'POST /api/v1/opportunities/:id/cancel': 'agency-own',
  // File imports
  'POST /api/v1/imports': 'issuer',
  'GET /api/v1/imports': 'issuer',
  'GET /api/v1/imports/:id': 'agency-own',
  'GET /api/v1/imports/:id/errors': 'agency-own',
  'GET /api/v1/imports/:id/errors.csv': 'agency-own',
  // Sign-in
  'GET /auth/login': 'signed-in',
  'GET /auth/callback': 'signed-in',
  'POST /auth/logout': 'signed-in',
  'GET /api/v1/me': 'signed-in',
  'POST /api/v1/me/enrolment': 'signed-in',
  // The public log and statistics
  'GET /log/checkpoint': 'public',
  'GET /log/key': 'public',
  'GET /log/tile/*': 'public',
  'GET /api/v1/log/inclusion': 'public',
  'GET /api/v1/log/consistency': 'public',
  'GET /api/v1/stats': 'public',
  'GET /api/v1/stats/years': 'public',
  // The web app and the API documentation
  'GET /': 'public',
  'GET /*': 'public',
  'GET /docs': 'public',
  'GET /docs/json': 'public',
  'GET /docs/yaml': 'public',
  'GET /docs/static/*': 'public',
  'GET /docs/static/index.html': 'public',
  'GET /docs/static/swagger-initializer.js': 'public',
};

const PERSON_DATA: ReadonlySet<Access> = new Set(['holder', 'account-reader', 'holder-or-registrar', 'holder-or-admin', 'registrar', 'evidence']);

/** Every route the app registers ("METHOD path"; HEAD routes answer as their GET and are left out). */
async function routesOf(web: WebPlatform): Promise<string[]> {
  const seen = new Set<string>();
  const lister: FastifyInstance = await buildApp({
    services: web.platform.services,
    db: web.platform.store.db,
    sessionSecret: web.platform.sessionSecret,
    webRoot: WEB_ROOT,
    onRoute: (r: RouteOptions) => {
      for (const m of [r.method].flat()) if (m !== 'HEAD') seen.add(`${m} ${r.url}`);
    },
  });
  await lister.ready();
  await lister.close();
  return [...seen].sort();
}

interface Person {
  id: string;
  nationalId: string;
  token: string;
  creditId: string;
  voucherId: string;
  sha256: string;
  /** A consent receipt of the person's (the first voucher gave the sharing consent with ptt). */
  receiptId: string;
}

/** A caller: a bearer token, or a web session (with its CSRF token and the agency it acts for). */
const codeOf = (text: string): string | undefined => {
  try {
    return (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
};

/** A request body as sent over the wire. */
type Body = { payload: string | Uint8Array<ArrayBuffer>; type: string };

type Caller = { name: string; token: string } | { name: string; jar: CookieJar; csrf: string; agency?: string };

describe.each(DB_KINDS)('access isolation, route by route (%s)', (kind) => {
  let web: WebPlatform;
  let routes: string[];
  let a: Person;
  let b: Person;
  const tokens: Record<string, string> = {};
  let personSession: Caller;
  let foreignCertifierSession: Caller;
  const inject = (method: string, url: string, token: string, payload?: unknown) =>
    web.platform.app.inject({ method: method as 'GET', url, headers: auth(token), ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });

  async function call(caller: Caller, method: string, url: string, body?: Body): Promise<{ status: number; text: string }> {
    const headers: Record<string, string> = {};
    if (body) headers['content-type'] = body.type;
    let res: Response;
    if ('token' in caller) {
      res = await fetch(`${web.base}${url}`, { method, headers: { ...headers, ...auth(caller.token) }, ...(body ? { body: body.payload } : {}), redirect: 'manual' });
    } else {
      if (method !== 'GET') headers['x-csrf-token'] = caller.csrf;
      if (caller.agency) {
        headers['x-khwamdee-agency'] = caller.agency;
        // Staff state why they read a person's record (the person's access log shows it).
        headers['x-khwamdee-purpose'] = 'audit';
      }
      res = await jarFetch(caller.jar, `${web.base}${url}`, { method, headers, ...(body ? { body: body.payload } : {}) });
    }
    return { status: res.status, text: await res.text() };
  }

  async function signedIn(pid: string, agency?: string): Promise<Caller> {
    const jar = new CookieJar();
    await signInWithFetch(web, jar, { pid, name: 'ทดสอบ ใจดี' });
    const me = await (await jarFetch(jar, `${web.base}/api/v1/me`)).json();
    expect(me.signedIn).toBe(true);
    return { name: `session of ${agency ?? 'a person'}`, jar, csrf: me.csrfToken, ...(agency ? { agency } : {}) };
  }

  async function person(): Promise<Person> {
    const { id, nationalId } = await enrolPerson(web.platform.app, { areaCode: '500204' });
    const token = await personToken(web.platform.app, id);
    const credited = await attest(web.platform.app, tokens.trc!, {
      ref: `iso-${id}`,
      subject: { accountId: id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-05-01T09:00:00+07:00',
      evidence: { donationNo: `ISO-${id.slice(-6)}` },
    });
    expect(credited.statusCode, credited.body).toBe(201);
    const credits = (await inject('GET', `/api/v1/accounts/${id}/credits?year=2026`, token)).json<{ items: Array<{ id: string }> }>().items;
    const voucher = await inject('POST', `/api/v1/accounts/${id}/redemptions`, token, { privilege: 'ptt.bluepoints', requestKey: `iso-${randomUUID()}` });
    expect(voucher.statusCode, voucher.body).toBe(201);
    // Each person's own file (the same bytes would be the same file, held by each uploader).
    const file = multipart([filePart(pdf(`Minutes of ${id}`), 'minutes.pdf', 'application/pdf')]);
    const up = await web.platform.app.inject({ method: 'POST', url: `/api/v1/accounts/${id}/evidence`, headers: { ...auth(token), ...file.headers }, payload: file.payload });
    expect(up.statusCode, up.body).toBe(201);
    const receipts = (await inject('GET', `/api/v1/accounts/${id}/consents`, token)).json<{ receipts: Array<{ id: string }> }>().receipts;
    expect(receipts.length).toBeGreaterThan(0);
    return {
      id,
      nationalId,
      token,
      creditId: credits[0]!.id,
      voucherId: voucher.json<{ id: string }>().id,
      sha256: up.json<{ sha256: string }>().sha256,
      receiptId: receipts[0]!.id,
    };
  }

  /** The request that reaches `target`'s data on a person-data route (path, query and body filled in). */
  function probe(route: string, target: Person): { method: string; url: string; body?: Body } {
    const [method, path] = route.split(' ') as [string, string];
    const url = path
      .replace(':purpose', 'statistics')
      .replace(':receiptId', target.receiptId)
      .replace(':id', target.id)
      .replace(':voucherId', target.voucherId)
      .replace(':creditId', target.creditId)
      .replace(':sha256', target.sha256);
    const json = (v: unknown) => ({ payload: JSON.stringify(v), type: 'application/json' });
    const query: Record<string, string> = { 'GET /api/v1/accounts/:id/predictions': '?indicator=trc.blood.red-cell' };
    const bodies: Record<string, () => Body> = {
      'POST /api/v1/accounts/:id/redemptions': () => json({ privilege: 'ptt.bluepoints', requestKey: `iso-${randomUUID()}` }),
      'POST /api/v1/accounts/:id/eligibility-tokens': () => json({ privilege: 'ptt.fuel-3' }),
      'POST /api/v1/accounts/:id/declarations': () => json({ ref: `d-${randomUUID()}`, indicator: 'nongsarai.unity.1', occurredAt: '2026-06-01T19:00:00+07:00' }),
      'POST /api/v1/accounts/:id/card': () => json({ replaces: 1 }),
      'POST /api/v1/accounts/:id/restriction': () => json({}),
      'POST /api/v1/accounts/:id/consents': () => json({ purpose: 'statistics' }),
      'POST /api/v1/accounts/:id/disputes': () => json({ kind: 'wrong_credit', creditId: target.creditId, statement: 'คะแนนนี้ไม่ถูกต้อง ขอให้ตรวจสอบ' }),
      'POST /api/v1/accounts/:id/ratings': () => json({ interaction: { kind: 'redemption', id: target.voucherId }, stars: 4 }),
      'POST /api/v1/accounts/:id/erasure': () => json({ confirm: 'not the phrase' }),
      'POST /api/v1/accounts': () => json({ kind: 'person', nationalId: nextNationalId(), displayName: 'ทดสอบ', areaCode: '710911', consents: ['enrolment'] }),
      'POST /api/v1/accounts/:id/evidence': () => {
        const m = multipart([filePart(pdf(), 'x.pdf', 'application/pdf')]);
        return { payload: new Uint8Array(m.payload), type: m.headers['content-type']! };
      },
    };
    const body = bodies[route]?.();
    return { method, url: url + (query[route] ?? ''), ...(body ? { body } : {}) };
  }

  beforeAll(async () => {
    web = await openWebPlatform(kind);
    routes = await routesOf(web);
    for (const code of ['trc', 'dsd', 'ptt', 'khuangpao', 'nongsarai', 'nongsarai-cfi', 'committee']) tokens[code] = await agencyToken(web.platform.app, code);
    a = await person();
    b = await person();
    personSession = { ...(await signedIn(a.nationalId)), name: 'person A by session' };
    // A certifier and registrar of Nong Sarai (another province) signed in as staff.
    const officer = nextNationalId();
    for (const role of ['certifier', 'registrar'])
      expect((await inject('POST', '/api/v1/agencies/nongsarai/staff', ADMIN_TOKEN, { nationalId: officer, role, label: 'ทดสอบ' })).statusCode).toBe(201);
    foreignCertifierSession = { ...(await signedIn(officer, 'nongsarai')), name: 'a Nong Sarai certifier by session' };
  }, 120_000);
  afterAll(async () => web?.cleanup());

  it('classifies every route of the app (add a new route to ROUTES with who may use it)', () => {
    const unclassified = routes.filter((r) => !(r in ROUTES));
    expect(unclassified, `unclassified routes — add each to ROUTES in test/access-isolation.test.ts:\n${unclassified.join('\n')}`).toEqual([]);
    const gone = Object.keys(ROUTES).filter((r) => !routes.includes(r));
    expect(gone, `ROUTES lists routes the app no longer has:\n${gone.join('\n')}`).toEqual([]);
  });

  it('answers nothing but an error to a caller without credentials on every route that is not public', async () => {
    const leaks: string[] = [];
    for (const route of routes) {
      const access = ROUTES[route];
      if (access === 'public' || access === 'signed-in') continue;
      const { method, url, body } = PERSON_DATA.has(access!) ? probe(route, b) : { ...probe(route, b), url: route.split(' ')[1]!.replace(/:[a-zA-Z0-9]+/g, randomUUID()) };
      const res = await fetch(`${web.base}${url}`, { method, ...(body ? { body: body.payload, headers: { 'content-type': body.type } } : {}), redirect: 'manual' });
      if (res.status < 400) leaks.push(`${route} → ${res.status}`);
      await res.arrayBuffer();
    }
    expect(leaks).toEqual([]);
  });

  it('keeps every person-data route of B away from everyone who is not B, its area’s staff or the admin', async () => {
    const personRoutes = routes.filter((r) => PERSON_DATA.has(ROUTES[r]!));
    expect(personRoutes.length).toBeGreaterThanOrEqual(23);
    const outsiders: Caller[] = [
      { name: 'person A by token', token: a.token },
      personSession,
      { name: 'an issuer (trc)', token: tokens.trc! },
      { name: 'an issuer (dsd)', token: tokens.dsd! },
      { name: 'a partner (ptt)', token: tokens.ptt! },
      { name: 'the committee', token: tokens.committee! },
      { name: 'a certifier and registrar of another area (nongsarai)', token: tokens.nongsarai! },
      foreignCertifierSession,
      { name: 'a partner of another area (nongsarai-cfi)', token: tokens['nongsarai-cfi']! },
    ];
    const reached: string[] = [];
    for (const route of personRoutes) {
      for (const caller of outsiders) {
        const { method, url, body } = probe(route, b);
        const res = await call(caller, method, url, body);
        // The same 404 as for no account at all: nothing tells an outsider that B exists.
        const ghost = probe(route, { ...b, id: randomUUID() });
        const none = await call(caller, ghost.method, ghost.url, ghost.body);
        if (res.status !== 404 || codeOf(res.text) !== codeOf(none.text))
          reached.push(`${caller.name}: ${route} → ${res.status} ${res.text.slice(0, 120)} (no account: ${none.status} ${codeOf(none.text)})`);
        else expect(res.text).not.toContain(b.nationalId);
      }
    }
    expect(reached).toEqual([]);
  }, 120_000);

  it('lets B, and only as the class says its area’s staff and the admin, reach each person-data route (so the probes above are real)', async () => {
    const allowed: Record<string, Caller[]> = {
      holder: [],
      evidence: [],
      'account-reader': [
        { name: 'the certifier and registrar of the area', token: tokens.khuangpao! },
        { name: 'the admin', token: ADMIN_TOKEN },
      ],
      'holder-or-registrar': [
        { name: 'the registrar of the area', token: tokens.khuangpao! },
        { name: 'the admin', token: ADMIN_TOKEN },
      ],
      registrar: [
        { name: 'the registrar of the area', token: tokens.khuangpao! },
        { name: 'the admin', token: ADMIN_TOKEN },
      ],
      'holder-or-admin': [{ name: 'the admin', token: ADMIN_TOKEN }],
    };
    const refused: string[] = [];
    for (const route of routes.filter((r) => PERSON_DATA.has(ROUTES[r]!))) {
      const access = ROUTES[route]!;
      // The holder reaches everything but enrolment and token issuance, which are staff's.
      const callers = [...(access === 'registrar' ? [] : [{ name: 'B itself', token: b.token }]), ...(allowed[access] ?? [])];
      for (const caller of callers) {
        const { method, url, body } = probe(route, b);
        const res = await call(caller, method, url, body);
        if ([401, 403, 404].includes(res.status) || res.status >= 500) refused.push(`${caller.name}: ${route} → ${res.status} ${res.text.slice(0, 160)}`);
      }
    }
    expect(refused).toEqual([]);
  }, 120_000);

  it('does not let A reach B’s voucher, credit or evidence file under A’s own account', async () => {
    const mixed: string[] = [];
    for (const route of routes.filter((r) => PERSON_DATA.has(ROUTES[r]!) && /:(voucherId|creditId|sha256)/.test(r))) {
      const { method, url, body } = probe(route, b);
      const own = url.replace(b.id, a.id);
      for (const caller of [{ name: 'A by token', token: a.token }, personSession]) {
        const res = await call(caller, method, own, body);
        if (res.status !== 404) mixed.push(`${caller.name}: ${route} → ${res.status}`);
      }
    }
    expect(mixed).toEqual([]);
  });

  it('finds a person by national ID or card only for staff of their area', async () => {
    const card = (await inject('GET', `/api/v1/accounts/${b.id}/card`, b.token)).json<{ token: string }>().token;
    for (const caller of [
      { name: 'A', token: a.token },
      personSession,
      { name: 'trc', token: tokens.trc! },
      { name: 'ptt', token: tokens.ptt! },
      { name: 'nongsarai', token: tokens.nongsarai! },
      foreignCertifierSession,
    ]) {
      const lookup = await call(caller, 'POST', '/api/v1/accounts/lookup', { payload: JSON.stringify({ nationalId: b.nationalId }), type: 'application/json' });
      expect(lookup.status, `${caller.name}: ${lookup.text}`).toBe(404);
      expect(lookup.text).not.toContain(b.id);
      const scan = await call(caller, 'POST', '/api/v1/accounts/scan', { payload: JSON.stringify({ token: card }), type: 'application/json' });
      expect(scan.status, `${caller.name}: ${scan.text}`).toBe(404);
      expect(scan.text).not.toContain(b.id);
    }
    const found = await call({ name: 'khuangpao', token: tokens.khuangpao! }, 'POST', '/api/v1/accounts/lookup', {
      payload: JSON.stringify({ nationalId: b.nationalId }),
      type: 'application/json',
    });
    expect(JSON.parse(found.text)).toEqual({ id: b.id });
  });

  it('keeps a certifier to its area: no queue item, certification or meeting of another area', async () => {
    // C lives in Nong Sarai and declares a deed there; Khuang Pao certifies only Khuang Pao.
    const c = await enrolPerson(web.platform.app, { areaCode: '710911' });
    const cToken = await personToken(web.platform.app, c.id);
    const declared = await inject('POST', `/api/v1/accounts/${c.id}/declarations`, cToken, {
      ref: 'iso-c',
      indicator: 'nongsarai.unity.1',
      occurredAt: '2026-06-01T19:00:00+07:00',
    });
    expect(declared.statusCode, declared.body).toBe(201);
    const deed = declared.json<{ id: string }>().id;
    const queue = await inject('GET', '/api/v1/attestations/pending', tokens.khuangpao!);
    expect(queue.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).not.toContain(deed);
    expect((await inject('GET', '/api/v1/attestations/pending?subdistrict=710911', tokens.khuangpao!)).statusCode).toBe(403);
    const certify = await inject('POST', `/api/v1/attestations/${deed}/certify`, tokens.khuangpao!, { decision: 'approve' });
    expect(certify.statusCode).toBe(403);
    const meetingBody = { meetingDate: '2026-06-10', minutesRef: 'iso-1', approve: [deed] };
    const foreignMeeting = await inject('POST', '/api/v1/certifications/meetings', tokens.khuangpao!, meetingBody);
    expect(foreignMeeting.statusCode).toBe(403);
    expect(foreignMeeting.json().error.code).toBe('out_of_scope');
    // Its own certifier decides it; the meeting is then Nong Sarai's alone.
    const meeting = await inject('POST', '/api/v1/certifications/meetings', tokens.nongsarai!, meetingBody);
    expect(meeting.statusCode, meeting.body).toBe(201);
    const meetingId = meeting.json<{ id: string }>().id;
    expect((await inject('GET', `/api/v1/certifications/meetings/${meetingId}`, tokens.khuangpao!)).statusCode).toBe(404);
    const theirs = await inject('GET', '/api/v1/certifications/meetings', tokens.khuangpao!);
    expect(theirs.json<{ items: Array<{ id: string }> }>().items.map((m) => m.id)).not.toContain(meetingId);
    expect((await call(foreignCertifierSession, 'GET', `/api/v1/certifications/meetings/${meetingId}`)).status).toBe(200);
    // C's record is Nong Sarai's staff's to read, not Khuang Pao's.
    expect((await inject('GET', `/api/v1/accounts/${c.id}/attestations?year=2026`, tokens.khuangpao!)).statusCode).toBe(404);
    expect((await call(foreignCertifierSession, 'GET', `/api/v1/accounts/${c.id}/attestations?year=2026`)).status).toBe(200);
  });

  it('keeps each agency’s imports and opportunities to itself', async () => {
    const csv = `ref,national_id,indicator,occurred_at,evidence_no\r\niso-imp-1,${a.nationalId},trc.blood.plasma,2026-05-20T09:00:00+07:00,P-1\r\n`;
    const up = await web.platform.app.inject({ method: 'POST', url: '/api/v1/imports', headers: { ...auth(tokens.trc!), 'content-type': 'text/csv' }, payload: csv });
    expect(up.statusCode, up.body).toBe(202);
    const importId = up.json<{ id: string }>().id;
    for (const path of [`/api/v1/imports/${importId}`, `/api/v1/imports/${importId}/errors`, `/api/v1/imports/${importId}/errors.csv`]) {
      for (const other of ['dsd', 'khuangpao', 'ptt']) expect((await inject('GET', path, tokens[other]!)).statusCode, `${other} ${path}`).toBe(404);
      expect((await inject('GET', path, ADMIN_TOKEN)).statusCode).toBe(404);
      expect((await inject('GET', path, a.token)).statusCode).toBe(404);
      expect((await inject('GET', path, tokens.trc!)).statusCode).toBe(200);
    }
    expect((await inject('GET', '/api/v1/imports', tokens.dsd!)).json<{ items: Array<{ id: string }> }>().items.map((i) => i.id)).not.toContain(importId);

    const published = await inject('POST', '/api/v1/opportunities', tokens.trc!, {
      title: { th: 'รับบริจาคโลหิต', en: 'Blood drive' },
      indicator: 'trc.blood.red-cell',
      startsAt: '2026-12-18T08:30:00+07:00',
      endsAt: '2026-12-18T15:30:00+07:00',
      place: { name: 'โรงพยาบาลจอมทอง', areaCode: '500203' },
    });
    expect(published.statusCode, published.body).toBe(201);
    const opp = published.json<{ id: string }>().id;
    for (const other of ['dsd', 'khuangpao']) {
      expect((await inject('PATCH', `/api/v1/opportunities/${opp}`, tokens[other]!, { capacity: 1 })).statusCode).toBe(404);
      expect((await inject('POST', `/api/v1/opportunities/${opp}/cancel`, tokens[other]!)).statusCode).toBe(404);
    }
    for (const token of [tokens.ptt!, a.token, ADMIN_TOKEN]) expect((await inject('POST', `/api/v1/opportunities/${opp}/cancel`, token)).statusCode).toBe(403);
    expect((await inject('POST', `/api/v1/opportunities/${opp}/cancel`, tokens.trc!)).statusCode).toBe(200);
  });

  it('keeps each partner’s privileges, vouchers, webhook and deliveries to itself', async () => {
    const privilege = (code: string, partner: string) => ({
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
    expect((await inject('POST', '/api/v1/privileges', tokens.ptt!, privilege('ptt.iso-coffee', 'ptt'))).statusCode).toBe(201);
    // No partner proposes in another's name, sees another's proposals or decides on them.
    for (const other of ['nongsarai-cfi', 'khuangpao']) {
      expect((await inject('POST', '/api/v1/privileges', tokens[other]!, privilege('ptt.iso-tea', 'ptt'))).statusCode).toBe(403);
      const owned = await inject('GET', '/api/v1/partner/privileges', tokens[other]!);
      expect(owned.json<{ items: Array<{ code: string }> }>().items.map((x) => x.code)).not.toContain('ptt.iso-coffee');
      expect((await inject('POST', '/api/v1/privileges/ptt.iso-coffee/approve', tokens[other]!)).statusCode).toBe(403);
    }
    expect((await inject('POST', '/api/v1/privileges/ptt.iso-coffee/approve', tokens.ptt!)).statusCode).toBe(403);
    expect((await inject('GET', '/api/v1/partner/privileges', tokens.ptt!)).body).toContain('ptt.iso-coffee');
    // B's voucher is PTT's to confirm, by token or short code; another partner learns nothing of it.
    const voucher = (await inject('GET', `/api/v1/accounts/${b.id}/redemptions`, b.token)).json<{ items: Array<{ id: string; shortCode: string }> }>().items[0]!;
    for (const other of ['nongsarai-cfi', 'khuangpao']) {
      const r = await inject('POST', '/api/v1/partner/vouchers/confirm', tokens[other]!, { shortCode: voucher.shortCode });
      expect(r.statusCode, r.body).toBe(404);
      expect(r.json().error.code).toBe('voucher_not_found');
    }
    expect((await inject('GET', '/api/v1/partner/stats', tokens.ptt!)).statusCode).toBe(200);
    for (const token of [tokens.trc!, a.token, tokens.nongsarai!]) expect((await inject('GET', '/api/v1/partner/stats', token)).statusCode).toBe(403);

    const hook = await inject('PUT', '/api/v1/partner/webhook', tokens.ptt!, { url: 'https://93.184.216.34/hooks/khwamdee' });
    if (hook.statusCode === 200) {
      const other = await inject('GET', '/api/v1/partner/webhook', tokens['nongsarai-cfi']!);
      expect(other.statusCode).toBe(404);
      expect(other.body).not.toContain('93.184.216.34');
      const deliveries = await inject('GET', '/api/v1/partner/webhook/deliveries', tokens['nongsarai-cfi']!);
      expect(deliveries.body).not.toContain(voucher.id);
      expect((await inject('DELETE', '/api/v1/partner/webhook', tokens['nongsarai-cfi']!)).statusCode).toBe(204);
      expect((await inject('GET', '/api/v1/partner/webhook', tokens.ptt!)).statusCode).toBe(200);
    }
    for (const token of [tokens.trc!, a.token, ADMIN_TOKEN]) expect((await inject('GET', '/api/v1/partner/webhook', token)).statusCode).toBe(403);
  });

  it('keeps each agency’s staff roles to its own administrators', async () => {
    const dsdGrant = await inject('POST', '/api/v1/agencies/dsd/staff', ADMIN_TOKEN, { nationalId: nextNationalId(), role: 'issuer', label: 'ทดสอบ' });
    expect(dsdGrant.statusCode, dsdGrant.body).toBe(201);
    const grantId = dsdGrant.json<{ id: string }>().id;
    const trcAdminId = nextNationalId();
    expect((await inject('POST', '/api/v1/agencies/trc/staff', ADMIN_TOKEN, { nationalId: trcAdminId, role: 'admin', label: 'ผู้ดูแล' })).statusCode).toBe(201);
    const trcAdmin = await signedIn(trcAdminId, 'trc');
    expect((await call(trcAdmin, 'GET', '/api/v1/agencies/trc/staff')).status).toBe(200);
    for (const caller of [trcAdmin, { name: 'dsd key', token: tokens.dsd! }, { name: 'trc key', token: tokens.trc! }, { name: 'A', token: a.token }]) {
      const list = await call(caller, 'GET', '/api/v1/agencies/dsd/staff');
      expect(list.status, caller.name).toBe(404);
      expect(list.text).not.toContain(grantId);
      const revoke = await call(caller, 'DELETE', `/api/v1/agencies/dsd/staff/${grantId}`);
      expect(revoke.status, caller.name).toBe(404);
      const grant = await call(caller, 'POST', '/api/v1/agencies/dsd/staff', {
        payload: JSON.stringify({ nationalId: nextNationalId(), role: 'issuer', label: 'x' }),
        type: 'application/json',
      });
      expect(grant.status, caller.name).toBe(404);
    }
    // The grant is still there for DSD's own administration.
    expect((await inject('GET', '/api/v1/agencies/dsd/staff', ADMIN_TOKEN)).body).toContain(grantId);
  });
});
