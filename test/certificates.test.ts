// Certificates end to end on SQLite and PostgreSQL: real credits made through the API, downloaded
// as W3C VC 2.0 / Open Badges 3.0 `vc+jwt`, verified offline with `jose` and the published JWKS,
// refused after a one-byte change, and checked by the public endpoint and the CLI.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base64url, createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { runCertVerify } from '../src/cli/certificates.js';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken, scoreOf } from './support/helpers.js';
import { expectError } from './support/bad-input.js';

interface Credential {
  id: string;
  issuer: { id: string; name: string };
  name: string;
  description: string;
  credentialSubject: {
    name: string;
    achievement: { id: string; name: string; humanCode?: string; version?: string; achievementType: string };
    result: { resultDescription: string; value: string }[];
  };
  evidence: { name: string; narrative: string }[];
  [k: string]: unknown;
}

const resultValue = (c: Credential, key: string) => c.credentialSubject.result.find((r) => r.resultDescription.endsWith(`#${key}`))?.value;

/** One character of a compact JWS part changed (0 header, 1 payload, 2 signature). */
function flipChar(jwt: string, part: 0 | 1 | 2): string {
  const parts = jwt.split('.');
  const s = parts[part]!;
  const i = Math.floor(s.length / 2);
  parts[part] = s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  return parts.join('.');
}

/** The payload re-encoded with one byte of its JSON changed, keeping the original signature. */
function editPayload(jwt: string, from: string, to: string): string {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const json = new TextDecoder().decode(base64url.decode(p));
  expect(json).toContain(from);
  expect(from.length).toBe(to.length);
  return [h, base64url.encode(json.replace(from, to)), s].join('.');
}

describe.each(DB_KINDS)('certificates (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let khuangpao: string;
  let dsd: string;
  let person: { id: string; nationalId: string; token: string };
  let other: { id: string; nationalId: string; token: string };
  let jwks: JSONWebKeySet;
  let seq = 0;
  const ref = () => `cert-${kind}-${++seq}`;

  const get = (path: string, token: string, accept?: string) =>
    p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/certificates/${path}`, headers: { ...auth(token), ...(accept ? { accept } : {}) } });
  const publicVerify = (jwt: string) => p.app.inject({ method: 'POST', url: '/api/v1/certificates/verify', payload: { jwt } });
  const offline = (jwt: string) => jwtVerify(jwt, createLocalJWKSet(jwks), { typ: 'vc+jwt', algorithms: ['EdDSA'] });

  async function credited(token: string, body: Record<string, unknown>) {
    // Sent the day after the deed (a deed of a closed year takes no credit today), then back to today.
    const today = p.clock.now();
    const at = typeof body.occurredAt === 'string' ? Date.parse(body.occurredAt) + 86_400_000 : today.getTime();
    p.clock.set(new Date(Math.min(at, today.getTime())));
    const r = await attest(p.app, token, { ref: ref(), subject: { accountId: person.id }, ...body });
    p.clock.set(today);
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().status, r.body).toBe('credited');
    return r.json();
  }

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-11-20T03:00:00Z'));
    [trc, khuangpao, dsd] = await Promise.all([agencyToken(p.app, 'trc'), agencyToken(p.app, 'khuangpao'), agencyToken(p.app, 'dsd')]);
    const a = await enrolPerson(p.app, { areaCode: '500204' });
    person = { ...a, token: await personToken(p.app, a.id) };
    const b = await enrolPerson(p.app, { areaCode: '500204' });
    other = { ...b, token: await personToken(p.app, b.id) };

    // Two Red Cross donations (health, 70 each).
    await credited(trc, { indicator: 'trc.blood.red-cell', occurredAt: '2026-01-10T09:00:00+07:00', evidence: { donationNo: 'RC-1' } });
    await credited(trc, { indicator: 'trc.blood.red-cell', occurredAt: '2026-04-10T09:00:00+07:00', evidence: { donationNo: 'RC-2' } });
    // National volunteering attested by Khuang Pao (scope nat.*): 3 h, 4.5 h and one without hours.
    await credited(khuangpao, { indicator: 'nat.person.volunteer', occurredAt: '2026-02-01T08:00:00+07:00', hours: 3, evidence: { activityNo: 'V-1' } });
    await credited(khuangpao, { indicator: 'nat.person.volunteer', occurredAt: '2026-03-05T08:00:00+07:00', hours: 4.5, evidence: { activityNo: 'V-2' } });
    await credited(khuangpao, { indicator: 'nat.person.volunteer', occurredAt: '2026-06-01T08:00:00+07:00', evidence: { activityNo: 'V-3' } });
    // A local volunteering deed (public service) that waits for the certifier, then 2 h credited.
    const local = await attest(p.app, khuangpao, {
      ref: ref(),
      subject: { accountId: person.id },
      indicator: 'khuangpao.recreation-service',
      occurredAt: '2026-07-07T08:00:00+07:00',
      hours: 2,
    });
    expect(local.json().status, local.body).toBe('pending');
    const approved = await p.app.inject({ method: 'POST', url: `/api/v1/attestations/${local.json().id}/certify`, headers: auth(khuangpao), payload: { decision: 'approve' } });
    expect(approved.json().status, approved.body).toBe('credited');
    // Not volunteer hours: an hourly skills training (6 h), a still-pending deed, and last year's deed.
    await credited(dsd, { indicator: 'dsd.skills.training-hours', occurredAt: '2026-08-01T09:00:00+07:00', quantity: 6, evidence: { courseNo: 'DSD-1' } });
    const pending = await attest(p.app, khuangpao, {
      ref: ref(),
      subject: { accountId: person.id },
      indicator: 'khuangpao.recreation-service',
      occurredAt: '2026-09-09T08:00:00+07:00',
      hours: 5,
    });
    expect(pending.json().status).toBe('pending');
    await credited(khuangpao, { indicator: 'nat.person.volunteer', occurredAt: '2025-12-20T08:00:00+07:00', hours: 8, evidence: { activityNo: 'V-0' } });

    await p.sequencer.catchUp();
    jwks = (await p.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    expect(jwks.keys).toHaveLength(1);
  });
  afterAll(async () => p?.cleanup());

  it('certifies one credit as a vc+jwt that verifies with jose and the JWKS alone, and fails after a one-byte change', async () => {
    const credits = (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/credits?year=2026`, headers: auth(person.token) })).json().items;
    const donation = credits.find((c: { indicator: string; occurredAt: string }) => c.indicator === 'trc.blood.red-cell' && c.occurredAt.startsWith('2026-04-10'));
    expect(donation.logIndex).toEqual(expect.any(Number));

    const res = await get(`credits/${donation.id}`, person.token);
    expect(res.statusCode, res.body).toBe(200);
    const { credential, jwt } = res.json<{ credential: Credential; jwt: string }>();

    // JOSE header and claims as VC-JOSE-COSE asks: the payload is the credential, no `vc` claim.
    expect(decodeProtectedHeader(jwt)).toEqual({ alg: 'EdDSA', kid: jwks.keys[0]!.kid, typ: 'vc+jwt' });
    const verified = await offline(jwt);
    expect(verified.payload).toEqual(credential);
    expect(verified.payload).not.toHaveProperty('vc');
    expect(verified.payload.iss).toBe(credential.issuer.id);
    expect(verified.payload.jti).toBe(credential.id);
    expect(credential.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(credential).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'http://127.0.0.1:8080', type: ['Profile'] },
      validFrom: '2026-11-20T03:00:00Z',
      credentialSubject: {
        type: ['AchievementSubject'],
        name: 'สมชาย ใจดี',
        activityEndDate: '2026-04-10',
        achievement: { type: ['Achievement'], humanCode: 'trc.blood.red-cell', version: '1', name: 'บริจาคโลหิต (เม็ดเลือดแดง) / Red-cell blood donation' },
      },
    });
    expect(resultValue(credential, 'points')).toBe('70');
    expect(credential.description).toContain('10 เมษายน พ.ศ. 2569');
    expect(credential.description).toContain('สภากาชาดไทย (trc)');
    expect(credential.description).toContain(`entry ${donation.logIndex} of the public transparency log`);
    // The display name only: never the national ID, nor the account id.
    expect(jwt).not.toContain(person.nationalId);
    expect(JSON.stringify(credential)).not.toContain(person.nationalId);
    expect(JSON.stringify(credential)).not.toContain(person.id);

    // One changed character anywhere, or one changed byte of the JSON (70 → 90 points), fails.
    const tampered = [flipChar(jwt, 1), flipChar(jwt, 2), editPayload(jwt, '"value":"70"', '"value":"90"')];
    for (const t of tampered) {
      await expect(offline(t)).rejects.toThrow();
      expectError(await publicVerify(t), 422, 'invalid_certificate');
    }
    // The public endpoint agrees with the offline check, without any token.
    const ok = await publicVerify(jwt);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ valid: true, revoked: false, credential });

    // Asking for the media type returns the JWT text alone.
    const raw = await get(`credits/${donation.id}`, person.token, 'application/vc+jwt');
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toMatch(/^application\/vc\+jwt/);
    expect(raw.body).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(decodeJwt(raw.body).credentialSubject).toEqual(credential.credentialSubject);
  });

  it('lets only the account holder and staff who may read the account download', async () => {
    const credits = (await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/credits?year=2026`, headers: auth(ADMIN_TOKEN) })).json().items;
    const creditId = credits[0].id as string;
    for (const path of [`credits/${creditId}`, 'volunteer-hours?year=2026', 'annual-statement?year=2026']) {
      expectError(await get(path, other.token), 404, 'account_not_found');
      expectError(await get(path, trc), 404, 'account_not_found');
      expect((await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/certificates/${path}` })).statusCode).toBe(401);
      expect((await get(path, khuangpao)).statusCode, path).toBe(200); // the certifier of the person's area
    }
    // Someone else's credit id under one's own account is not found either.
    const mine = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${other.id}/certificates/credits/${creditId}`, headers: auth(other.token) });
    expectError(mine, 404, 'credit_not_found');
  });

  it("certifies a year's volunteer hours as exactly the sum of the hours given for credited volunteering deeds", async () => {
    const res = await get('volunteer-hours?year=2026', person.token);
    expect(res.statusCode, res.body).toBe(200);
    const { credential, jwt } = res.json<{ credential: Credential; jwt: string }>();
    expect((await offline(jwt)).payload).toEqual(credential);
    // 3 + 4.5 (national volunteering) + 2 (certified public service); not the 6 h of skills training,
    // not the pending 5 h, not 2025's 8 h. The deed without hours counts as a deed only.
    expect(resultValue(credential, 'hours')).toBe(String(3 + 4.5 + 2));
    expect(resultValue(credential, 'deeds')).toBe('4');
    expect(resultValue(credential, 'year')).toBe('2026');
    expect(credential.credentialSubject.achievement.achievementType).toBe('CommunityService');
    expect(credential.name).toBe('ใบรับรองชั่วโมงจิตอาสา ปี พ.ศ. 2569 / Volunteer hours certificate 2026');
    expect(credential.description).toContain('กยศ.');
    expect(credential.evidence.map((e) => e.narrative.split('\n')[1]?.split(' · ').slice(0, 2).join(' · '))).toEqual([
      '1 February 2026 · 3 hours',
      '5 March 2026 · 4.5 hours',
      '1 June 2026 · hours not stated',
      '7 July 2026 · 2 hours',
    ]);
    expect((await publicVerify(jwt)).json().valid).toBe(true);

    const lastYear = (await get('volunteer-hours?year=2025', person.token)).json<{ credential: Credential }>().credential;
    expect(resultValue(lastYear, 'hours')).toBe('8');
    expect(resultValue(lastYear, 'deeds')).toBe('1');
    expectError(await get('volunteer-hours?year=2024', person.token), 422, 'nothing_to_certify');
  });

  it('states the annual score, points per domain and every credit, matching the score API', async () => {
    const res = await get('annual-statement?year=2026', person.token);
    expect(res.statusCode, res.body).toBe(200);
    const { credential, jwt } = res.json<{ credential: Credential; jwt: string }>();
    expect((await offline(jwt)).payload).toEqual(credential);
    const score = await scoreOf(p.app, person.id, 2026);
    expect(score.points).toBe(140 + 90 + 10 + 12);
    expect(resultValue(credential, 'score')).toBe(String(score.points));
    for (const [domain, points] of Object.entries(score.byDomain)) expect(resultValue(credential, `domain-${domain}`), domain).toBe(String(points));
    expect(resultValue(credential, 'credits')).toBe('7');
    expect(credential.evidence).toHaveLength(7);
    expect(credential.evidence[0]!.narrative).toContain('10 มกราคม พ.ศ. 2569 · trc.blood.red-cell · 70 คะแนน');
    expect(credential.name).toContain('for deduction claims');
    expect(credential.description).toContain('not a tax receipt');
    expect(credential.credentialSubject.achievement.achievementType).toBe('ext:AnnualStatement');
    expect((await publicVerify(jwt)).json()).toMatchObject({ valid: true, revoked: false, credential });
    expect(JSON.stringify(credential)).not.toContain(person.nationalId);
  });

  it('does not take another token signed by the same key for a certificate', async () => {
    const eligibility = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${person.id}/eligibility-tokens`,
      headers: auth(person.token),
      payload: { privilege: 'ptt.fuel-3' },
    });
    expect(eligibility.statusCode, eligibility.body).toBe(201);
    expectError(await publicVerify(eligibility.json().token), 422, 'invalid_certificate');
    expectError(await publicVerify('not-a-certificate'), 422, 'invalid_certificate');
  });

  it('checks offline from the command line with a JWKS file: 0 when intact, 1 after one byte changes', async () => {
    const { jwt } = (await get('volunteer-hours?year=2026', person.token)).json<{ jwt: string }>();
    const jwksFile = join(p.dataDir, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify(jwks));
    const certFile = join(p.dataDir, 'volunteer-hours.jwt');
    const lines: string[] = [];
    const out = (line: string) => {
      lines.push(line);
    };

    writeFileSync(certFile, jwt);
    // Offline: the status list (which the certificate names) is not fetched.
    expect(await runCertVerify(certFile, { jwks: jwksFile, issuer: 'http://127.0.0.1:8080', out, statusCheck: false })).toBe(0);
    expect(lines).toContain('subject: สมชาย ใจดี');
    expect(lines).toContain('achievement: ชั่วโมงจิตอาสา ปี พ.ศ. 2569 / Volunteer hours 2026');

    const bytes = Buffer.from(jwt);
    const at = jwt.indexOf('.') + 20; // inside the payload
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    writeFileSync(certFile, bytes);
    lines.length = 0;
    expect(await runCertVerify(certFile, { jwks: jwksFile, out })).toBe(1);
    expect(lines[0]).toMatch(/^INVALID/);
  });
});
