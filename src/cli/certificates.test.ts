import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { loadOrCreateJwtSigner, type JwtSigner } from '../adapters/signing-keys.js';
import { CERTIFICATE_JWT_TYPE, creditCredential } from '../core/certificates.js';
import { CERT_ERROR, CERT_INVALID, CERT_OK, runCertVerify } from './certificates.js';

const ISSUER = 'https://khwamdee.example';
let dir: string;
let signer: JwtSigner;
let jwt: string;
let lines: string[];
const out = (line: string) => {
  lines.push(line);
};
const file = (name: string, content: string) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** The same text with one character of the given part (0 header, 1 payload, 2 signature) changed. */
function flip(token: string, part: 0 | 1 | 2): string {
  const parts = token.split('.');
  const s = parts[part]!;
  const i = Math.floor(s.length / 2);
  parts[part] = s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  return parts.join('.');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'khwamdee-cert-cli-'));
  signer = await loadOrCreateJwtSigner(join(dir, 'keys'), ISSUER);
  const now = new Date('2026-11-20T03:00:00Z');
  const credential = creditCredential(
    { issuer: ISSUER, uuid: '0190f7c2-2222-7000-8000-000000000002', issuedAt: now },
    { displayName: 'สมหญิง รักดี' },
    {
      indicator: {
        code: 'nat.person.volunteer',
        name: { th: 'ทำกิจกรรมจิตอาสา', en: 'Volunteering' },
        domain: 'community',
        unit: 'occurrence',
        pointsPerUnit: 30,
        certification: 'auto',
        volunteering: true,
      },
      ruleVersion: 1,
      points: 30,
      day: '2026-05-01',
      occurredAt: '2026-05-01T02:00:00.000Z',
      issuer: { code: 'khuangpao', name: { th: 'อบต.ข่วงเปา', en: 'Khuang Pao SAO' } },
      certifier: null,
      logIndex: 4,
      hours: 3,
    },
  );
  jwt = await signer.sign({ ...credential }, { typ: CERTIFICATE_JWT_TYPE, jti: credential.id, now });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  lines = [];
});

describe('khwamdee cert verify', () => {
  it('verifies a certificate offline from a JWKS file and prints what it certifies', async () => {
    const jwks = file('jwks.json', JSON.stringify(signer.jwks()));
    expect(await runCertVerify(file('cert.jwt', `${jwt}\n`), { jwks, out })).toBe(CERT_OK);
    const text = lines.join('\n');
    expect(text).toContain(`VALID: signed by key ${signer.kid} (EdDSA), vc+jwt`);
    expect(text).toContain('achievement: ทำกิจกรรมจิตอาสา / Volunteering');
    expect(text).toContain('subject: สมหญิง รักดี');
    expect(text).toContain(`issuer: ธนาคารความดี แพลตฟอร์มความดีแห่งชาติ / Khwamdee national good-deed bank platform <${ISSUER}>`);
    expect(text).toContain('validFrom: 2026-11-20T03:00:00Z');
  });

  it('fails when one character of the header, payload or signature changes', async () => {
    const jwks = file('jwks.json', JSON.stringify(signer.jwks()));
    for (const part of [0, 1, 2] as const) {
      lines = [];
      expect(await runCertVerify(file(`flip-${part}.jwt`, flip(jwt, part)), { jwks, out }), `part ${part}`).toBe(CERT_INVALID);
      expect(lines[0]).toMatch(/^INVALID/);
    }
  });

  it('accepts the API response JSON, but not when its credential differs from the signed one', async () => {
    const jwks = file('jwks.json', JSON.stringify(signer.jwks()));
    const credential = decodeJwt(jwt);
    expect(await runCertVerify(file('response.json', JSON.stringify({ credential, jwt })), { jwks, out })).toBe(CERT_OK);
    const edited = { ...credential, name: 'ใบรับรองปลอม / Forged certificate' };
    expect(await runCertVerify(file('edited.json', JSON.stringify({ credential: edited, jwt })), { jwks, out })).toBe(CERT_INVALID);
    expect(lines.at(-1)).toContain('differs from the signed one');
  });

  it('fetches the JWKS once from a URL, and pins the issuer when asked', async () => {
    const requests: string[] = [];
    const fakeFetch = (async (url: string | URL | Request) => {
      requests.push(String(url));
      return new Response(JSON.stringify(signer.jwks()), { headers: { 'content-type': 'application/json' } });
    }) as typeof fetch;
    const cert = file('cert.jwt', jwt);
    const jwks = `${ISSUER}/.well-known/jwks.json`;
    expect(await runCertVerify(cert, { jwks, issuer: ISSUER, out, fetch: fakeFetch })).toBe(CERT_OK);
    expect(requests).toEqual([jwks]);
    expect(await runCertVerify(cert, { jwks, issuer: 'https://other.example', out, fetch: fakeFetch })).toBe(CERT_INVALID);
  });

  it('refuses a certificate signed by a key not in the JWKS', async () => {
    const other = await loadOrCreateJwtSigner(join(dir, 'other-keys'), ISSUER);
    expect(await runCertVerify(file('cert.jwt', jwt), { jwks: file('other.json', JSON.stringify(other.jwks())), out })).toBe(CERT_INVALID);
  });

  it('is a usage error without keys, with an unreadable file, or with a JWKS that is not one', async () => {
    const cert = file('cert.jwt', jwt);
    expect(await runCertVerify(cert, { out })).toBe(CERT_ERROR);
    expect(await runCertVerify(join(dir, 'missing.jwt'), { jwks: file('jwks.json', JSON.stringify(signer.jwks())), out })).toBe(CERT_ERROR);
    expect(await runCertVerify(cert, { jwks: file('bad.json', '{"keys":[]}'), out })).toBe(CERT_ERROR);
    const failing = (async () => new Response('down', { status: 503 })) as typeof fetch;
    expect(await runCertVerify(cert, { jwks: 'https://down.example/jwks.json', out, fetch: failing })).toBe(CERT_ERROR);
  });
});
