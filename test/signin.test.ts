// Signing in with the national digital ID through the real local OIDC provider, on both databases:
// sessions, CSRF, self-enrolment, staff acting for an agency, sign-out and expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DB_KINDS, auth, nextNationalId } from './support/platforms.js';
import { CookieJar, jarFetch, openWebPlatform, signInWithFetch, type WebPlatform } from './support/web-platform.js';
import { agencyToken, attest, enrolPerson } from './support/helpers.js';
import { sessionsRepo } from '../src/store/repos/sessions.js';

describe.each(DB_KINDS)('signing in with the digital ID (%s)', (kind) => {
  let web: WebPlatform;
  beforeAll(async () => {
    web = await openWebPlatform(kind);
  });
  afterAll(async () => web?.cleanup());

  const api = (jar: CookieJar, path: string, init: RequestInit = {}) => jarFetch(jar, `${web.base}${path}`, init);
  const me = async (jar: CookieJar) => (await api(jar, '/api/v1/me')).json();
  const post = (jar: CookieJar, path: string, body: unknown, headers: Record<string, string> = {}) =>
    api(jar, path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('signs a new person in, asks them to enrol, and enrols them under the verified ID with CSRF protection', async () => {
    const jar = new CookieJar();
    expect(await me(jar)).toMatchObject({ signedIn: false, signInAvailable: true, account: null });
    const pid = nextNationalId();
    const landed = await signInWithFetch(web, jar, { pid, name: 'ทดสอบ ใจดี' }, '/enrol');
    expect(landed).toBe('/enrol');
    const who = await me(jar);
    expect(who).toMatchObject({ signedIn: true, name: 'ทดสอบ ใจดี', nationalIdHint: pid.slice(-4), account: null, staff: [] });
    expect(JSON.stringify(who)).not.toContain(pid);
    expect(jar.get(web.base, 'kd_session')).toBeTruthy();

    const body = { displayName: 'ทดสอบ ใจดี', areaCode: '500204', consents: ['enrolment', 'health'] };
    const noCsrf = await post(jar, '/api/v1/me/enrolment', body);
    expect(noCsrf.status).toBe(403);
    expect((await noCsrf.json()).error.code).toBe('csrf_invalid');
    const badCsrf = await post(jar, '/api/v1/me/enrolment', body, { 'x-csrf-token': 'forged' });
    expect(badCsrf.status).toBe(403);
    const ok = await post(jar, '/api/v1/me/enrolment', body, { 'X-CSRF-Token': who.csrfToken });
    expect(ok.status).toBe(201);
    const { id } = await ok.json();
    expect((await post(jar, '/api/v1/me/enrolment', body, { 'x-csrf-token': who.csrfToken })).status).toBe(409);

    // The enrolment is the national ID the provider verified: a registrar's lookup by that ID finds it.
    const found = await web.platform.app.inject({ method: 'POST', url: '/api/v1/accounts/lookup', headers: auth(ADMIN_TOKEN), payload: { nationalId: pid } });
    expect(found.json().id).toBe(id);
    expect((await me(jar)).account).toMatchObject({ id, displayName: 'ทดสอบ ใจดี', areaCode: '500204' });
    const score = await api(jar, `/api/v1/accounts/${id}/score?year=2026`);
    expect(score.status).toBe(200);
  });

  it('shows a signed-in person exactly their own record and nobody else’s', async () => {
    const mine = await enrolPerson(web.platform.app);
    const other = await enrolPerson(web.platform.app);
    const trc = await agencyToken(web.platform.app, 'trc');
    const credited = await attest(web.platform.app, trc, {
      ref: `si-${mine.id}`,
      subject: { accountId: mine.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-05-01T09:00:00+07:00',
      evidence: { donationNo: 'SI-1' },
    });
    expect(credited.json().status).toBe('credited');
    const jar = new CookieJar();
    await signInWithFetch(web, jar, { pid: mine.nationalId, name: 'สมชาย ใจดี' });
    expect((await me(jar)).account.id).toBe(mine.id);
    expect((await (await api(jar, `/api/v1/accounts/${mine.id}/score?year=2026`)).json()).points).toBe(70);
    for (const path of [
      `/api/v1/accounts/${other.id}/score?year=2026`,
      `/api/v1/accounts/${other.id}/credits`,
      `/api/v1/accounts/${other.id}`,
      `/api/v1/accounts/${other.id}/balance`,
    ]) {
      const res = await api(jar, path);
      expect(res.status, path).toBe(404);
    }
  });

  it('lets staff act only for the agency and roles granted to them, never from provider claims', async () => {
    const pid = nextNationalId();
    const grant = await web.platform.app.inject({
      method: 'POST',
      url: '/api/v1/agencies/khuangpao/staff',
      headers: auth(ADMIN_TOKEN),
      payload: { nationalId: pid, role: 'certifier', label: 'เจ้าหน้าที่ อบต.' },
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const jar = new CookieJar();
    await signInWithFetch(web, jar, { pid, name: 'เจ้าหน้าที่ อบต.' });
    const who = await me(jar);
    expect(who.account).toBeNull();
    expect(who.staff).toEqual([expect.objectContaining({ agency: 'khuangpao', roles: ['certifier'] })]);

    const queue = await api(jar, '/api/v1/attestations/pending', { headers: { 'x-khwamdee-agency': 'khuangpao' } });
    expect(queue.status).toBe(200);
    const upper = await api(jar, '/api/v1/attestations/pending', { headers: { 'X-Khwamdee-Agency': 'khuangpao' } });
    expect(upper.status).toBe(200);
    // Not granted in the Red Cross, not a registrar, not acting for anyone without the header.
    expect((await api(jar, '/api/v1/attestations/pending', { headers: { 'x-khwamdee-agency': 'trc' } })).status).toBe(403);
    expect((await api(jar, '/api/v1/attestations/pending', { headers: { 'x-khwamdee-agency': '../admin' } })).status).toBe(400);
    expect((await api(jar, '/api/v1/attestations/pending')).status).toBe(401);
    const enrol = await post(
      jar,
      '/api/v1/accounts',
      { kind: 'person', nationalId: nextNationalId(), displayName: 'x', areaCode: '500204', consents: ['enrolment'] },
      { 'x-khwamdee-agency': 'khuangpao', 'x-csrf-token': who.csrfToken },
    );
    expect(enrol.status).toBe(403);
    // A certifier cannot grant itself more.
    const selfGrant = await post(
      jar,
      '/api/v1/agencies/khuangpao/staff',
      { nationalId: pid, role: 'registrar', label: 'x' },
      { 'x-khwamdee-agency': 'khuangpao', 'x-csrf-token': who.csrfToken },
    );
    expect(selfGrant.status).toBe(404);

    // Revoked: the next request no longer acts for the agency.
    const revoke = await web.platform.app.inject({ method: 'DELETE', url: `/api/v1/agencies/khuangpao/staff/${grant.json().id}`, headers: auth(ADMIN_TOKEN) });
    expect(revoke.statusCode).toBe(204);
    expect((await api(jar, '/api/v1/attestations/pending', { headers: { 'x-khwamdee-agency': 'khuangpao' } })).status).toBe(403);
  });

  it('lets an agency administrator manage its own staff only', async () => {
    const adminPid = nextNationalId();
    await web.platform.app.inject({
      method: 'POST',
      url: '/api/v1/agencies/trc/staff',
      headers: auth(ADMIN_TOKEN),
      payload: { nationalId: adminPid, role: 'admin', label: 'ผู้ดูแล' },
    });
    const jar = new CookieJar();
    await signInWithFetch(web, jar, { pid: adminPid, name: 'ผู้ดูแล' });
    const csrf = (await me(jar)).csrfToken;
    const h = { 'x-khwamdee-agency': 'trc', 'x-csrf-token': csrf };
    const officer = nextNationalId();
    const granted = await post(jar, '/api/v1/agencies/trc/staff', { nationalId: officer, role: 'issuer', label: 'พยาบาล' }, h);
    expect(granted.status).toBe(201);
    expect((await post(jar, '/api/v1/agencies/trc/staff', { nationalId: officer, role: 'certifier', label: 'x' }, h)).status).toBe(422);
    expect((await post(jar, '/api/v1/agencies/dsd/staff', { nationalId: officer, role: 'issuer', label: 'x' }, h)).status).toBe(404);
    const list = await (await api(jar, '/api/v1/agencies/trc/staff', { headers: { 'x-khwamdee-agency': 'trc' } })).json();
    expect(list.items.map((i: { role: string }) => i.role).sort()).toEqual(['admin', 'issuer']);
    expect(JSON.stringify(list)).not.toContain(officer);
  });

  it('signs out, and a signed-out or expired session cookie is worthless', async () => {
    const person = await enrolPerson(web.platform.app);
    const jar = new CookieJar();
    await signInWithFetch(web, jar, { pid: person.nationalId, name: 'สมชาย' });
    const stolen = jar.header(web.base);
    const csrf = (await me(jar)).csrfToken;
    expect((await api(jar, '/auth/logout', { method: 'POST' })).status).toBe(403);
    expect((await api(jar, '/auth/logout', { method: 'POST', headers: { 'x-csrf-token': csrf } })).status).toBe(204);
    expect((await me(jar)).signedIn).toBe(false);
    const replay = await fetch(`${web.base}/api/v1/accounts/${person.id}/score`, { headers: { cookie: stolen } });
    expect(replay.status).toBe(401);

    const jar2 = new CookieJar();
    await signInWithFetch(web, jar2, { pid: person.nationalId, name: 'สมชาย' });
    expect((await me(jar2)).signedIn).toBe(true);
    const rows = async () =>
      Number(
        (
          await web.platform.store.db
            .selectFrom('sessions')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await rows();
    web.platform.clock.advance(31 * 60_000);
    expect((await me(jar2)).signedIn).toBe(false);
    expect((await api(jar2, `/api/v1/accounts/${person.id}/score`)).status).toBe(401);
    // The cleanup loop's query removes every session that ended (here: all of them).
    expect(before).toBeGreaterThan(0);
    expect(await sessionsRepo.removeExpired(web.platform.store.db, web.platform.clock.now().toISOString())).toBeGreaterThan(0);
    expect(await rows()).toBe(0);
  });

  it('refuses open redirects, replayed or forged callbacks, and a session id planted before sign-in', async () => {
    const person = await enrolPerson(web.platform.app);
    const jar = new CookieJar();
    for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      expect(await signInWithFetch(web, jar, { pid: person.nationalId, name: 'x' }, evil)).toBe('/');
    }
    const forged = await jarFetch(new CookieJar(), `${web.base}/auth/callback?code=abc&state=xyz`);
    expect(forged.status).toBe(303);
    expect(forged.headers.get('location')).toMatch(/^\/signin\?error=/);

    // The id a visitor had before signing in is not the one that ends up signed in.
    const fresh = new CookieJar();
    await jarFetch(fresh, `${web.base}/auth/login`);
    const before = fresh.get(web.base, 'kd_session');
    await signInWithFetch(web, fresh, { pid: person.nationalId, name: 'x' });
    expect(fresh.get(web.base, 'kd_session')).not.toBe(before);
    const planted = await fetch(`${web.base}/api/v1/me`, { headers: { cookie: `kd_session=${before}` } });
    expect((await planted.json()).signedIn).toBe(false);
  });

  it('starts sign-in with PKCE, state and nonce, and an HttpOnly SameSite session cookie', async () => {
    const jar = new CookieJar();
    const res = await jarFetch(jar, `${web.base}/auth/login`);
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toContain('code_challenge_method=S256');
    expect(res.headers.get('location')).toMatch(/[?&]nonce=/);
    expect(res.headers.get('location')).toMatch(/[?&]state=/);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kd_session='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('gives a token-only call no session, yet signs in and out with a bearer header too', async () => {
    const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
    const call = await fetch(`${web.base}/api/v1/me`, { headers: bearer });
    expect(call.status).toBe(200);
    expect((await call.json()).signedIn).toBe(false);
    expect(call.headers.getSetCookie()).toEqual([]);
    // The sign-in routes keep their session whatever else the request carries.
    const login = await fetch(`${web.base}/auth/login`, { headers: bearer, redirect: 'manual' });
    expect(login.status).toBe(302);
    expect(login.headers.getSetCookie().some((c) => c.startsWith('kd_session='))).toBe(true);
    expect((await fetch(`${web.base}/auth/logout`, { method: 'POST', headers: bearer })).status).toBe(204);
  });
});

describe('rate limits for people signed in from one address', () => {
  let web: WebPlatform;
  beforeAll(async () => {
    web = await openWebPlatform('sqlite', { rateLimitPerMinute: 8 });
  });
  afterAll(async () => web?.cleanup());

  it('counts each signed-in person on their own, so the phones of one village office do not share a budget', async () => {
    const a = new CookieJar();
    const b = new CookieJar();
    await signInWithFetch(web, a, { pid: nextNationalId(), name: 'ก' });
    await signInWithFetch(web, b, { pid: nextNationalId(), name: 'ข' });
    const statuses = async (jar: CookieJar, n: number) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await jarFetch(jar, `${web.base}/api/v1/me`)).status);
      return out;
    };
    const first = await statuses(a, 10);
    expect(first.slice(0, 8).every((s) => s === 200)).toBe(true);
    expect(first.slice(8)).toEqual([429, 429]);
    expect(await statuses(b, 3)).toEqual([200, 200, 200]);
  });
});
