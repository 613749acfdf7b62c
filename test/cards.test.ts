// Membership cards on SQLite and PostgreSQL: assisted enrolment answers what the registrar needs
// next, the printed card is a real PDF whose QR code decodes to a token that verifies with the
// published JWKS and names no one, and a scan finds the account only for staff of its area.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, createLocalJWKSet, decodeJwt, decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose';
import { ADMIN_TOKEN, DB_KINDS, auth, nextNationalId, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, personToken } from './support/helpers.js';
import { embeddedFonts, readPdf } from './support/pdf.js';

const KHUANG_PAO = '500204';
const NAME = 'นางสาวกิ่งแก้ว ปู่ย่าน้ำใจ';

/** pdfkit maps the two glyphs the font splits ำ into back to ำ and า; what a reader sees is ำ. */
const asRead = (text: string) => text.replace(/\u0e33\u0e32/g, '\u0e33');

describe.each(DB_KINDS)('membership cards (%s)', (kind) => {
  let p: TestPlatform;
  let khuangpao: string;
  let nongsarai: string;
  let trc: string;
  let ptt: string;
  let certifierOnly: string;
  let person: { id: string; nationalId: string; token: string };

  const get = (url: string, token?: string) => p.app.inject({ method: 'GET', url, headers: token ? auth(token) : {} });
  const scan = (token: string, as: string) => p.app.inject({ method: 'POST', url: '/api/v1/accounts/scan', headers: auth(as), payload: { token } });
  const enrol = (as: string, payload: Record<string, unknown>) => p.app.inject({ method: 'POST', url: '/api/v1/accounts', headers: auth(as), payload });

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-06-15T03:00:00Z'), { sequencer: { autoStart: false }, webhooks: { autoStart: false } });
    khuangpao = await agencyToken(p.app, 'khuangpao');
    nongsarai = await agencyToken(p.app, 'nongsarai');
    trc = await agencyToken(p.app, 'trc');
    ptt = await agencyToken(p.app, 'ptt');
    const created = await p.app.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      headers: auth(ADMIN_TOKEN),
      payload: { code: 'cm-council', name: { th: 'สภาองค์กรชุมชนจอมทอง', en: 'Chom Thong council' }, roles: ['certifier'], areaScopes: ['5002'] },
    });
    expect(created.statusCode, created.body).toBe(201);
    certifierOnly = await agencyToken(p.app, 'cm-council');
    const nationalId = nextNationalId();
    const r = await enrol(khuangpao, { kind: 'person', nationalId, displayName: NAME, areaCode: KHUANG_PAO, consents: ['enrolment'] });
    expect(r.statusCode, r.body).toBe(201);
    person = { id: r.json().id, nationalId, token: await personToken(p.app, r.json().id) };
  });
  afterAll(async () => p?.cleanup());

  it('answers an assisted enrolment with the member number and the paths to the card', async () => {
    const nationalId = nextNationalId();
    const r = await enrol(khuangpao, { kind: 'person', nationalId, displayName: 'นายสมศักดิ์ รักดี', areaCode: KHUANG_PAO, consents: ['enrolment'] });
    expect(r.statusCode, r.body).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({
      kind: 'person',
      displayName: 'นายสมศักดิ์ รักดี',
      areaCode: KHUANG_PAO,
      status: 'active',
      enrolledAt: '2026-06-15T03:00:00.000Z',
      enrolledYearBE: 2569,
      links: { self: `/api/v1/accounts/${body.id}`, cardPdf: `/api/v1/accounts/${body.id}/card.pdf`, card: `/api/v1/accounts/${body.id}/card` },
    });
    expect(body.memberNumber).toMatch(/^\d{4} \d{4} \d{4}$/);
    expect(r.headers.location).toBe(`/api/v1/accounts/${body.id}`);
    expect(r.body).not.toContain(nationalId);
    // The path works for the registrar straight away, and GET of the account says the same.
    expect((await get(body.links.cardPdf, khuangpao)).statusCode).toBe(200);
    expect((await get(body.links.self, khuangpao)).json()).toEqual(body);
  });

  it('prints a real PDF card: Thai name, member number, home area in Thai, enrolment date in B.E., the platform name, Sarabun embedded, no national ID', async () => {
    const r = await get(`/api/v1/accounts/${person.id}/card.pdf`, khuangpao);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    expect(r.headers['cache-control']).toBe('private, no-store');
    expect(r.headers['content-disposition']).toMatch(/^inline; filename="khwamdee-card-\d{12}-1\.pdf"$/);
    const bytes = r.rawPayload;
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(embeddedFonts(bytes)).toEqual([expect.stringMatching(/^[A-Z]{6}\+Sarabun-Regular$/), expect.stringMatching(/^[A-Z]{6}\+Sarabun-SemiBold$/)]);
    const pages = await readPdf(bytes);
    expect(pages).toHaveLength(1);
    // A4 portrait, with the card at true size on it.
    expect(pages[0]!.width).toBeCloseTo(595.28, 0);
    expect(pages[0]!.height).toBeCloseTo(841.89, 0);
    const text = asRead(pages[0]!.text);
    const account = (await get(`/api/v1/accounts/${person.id}`, khuangpao)).json();
    for (const expected of [NAME, 'ธนาคารความดี Khwamdee', account.memberNumber, 'ตำบลข่วงเปา อำเภอจอมทอง จังหวัดเชียงใหม่', '15 มิถุนายน พ.ศ. 2569']) expect(text).toContain(expected);
    expect(text).not.toContain(person.nationalId);
    expect(bytes.toString('latin1')).not.toContain(person.nationalId);
  });

  it('puts a QR code on the card that decodes to a card token verifying with /.well-known/jwks.json, naming the account and nothing else', async () => {
    const [front] = await readPdf((await get(`/api/v1/accounts/${person.id}/card.pdf?layout=card`, person.token)).rawPayload);
    const token = front!.qr;
    expect(token).toBeDefined();
    const jwks = (await get('/.well-known/jwks.json')).json();
    const { payload, protectedHeader } = await jwtVerify(token!, createLocalJWKSet(jwks), { typ: 'khwamdee-card+jwt', currentDate: p.clock.now() });
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', typ: 'khwamdee-card+jwt', kid: jwks.keys[0].kid });
    expect(Object.keys(payload).sort()).toEqual(['card', 'iat', 'iss', 'sub']);
    expect(payload).toMatchObject({ sub: person.id, card: 1 });
    const decoded = JSON.stringify({ header: decodeProtectedHeader(token!), payload: decodeJwt(token!) });
    expect(decoded).not.toContain(person.nationalId);
    expect(decoded).not.toContain('กิ่งแก้ว');
    expect(decoded).not.toContain(KHUANG_PAO);
    // The JSON view of the card carries the same token, and printing again gives the same QR code.
    const card = (await get(`/api/v1/accounts/${person.id}/card`, person.token)).json();
    expect(card).toMatchObject({ accountId: person.id, serial: 1, token, links: { pdf: `/api/v1/accounts/${person.id}/card.pdf` } });
    expect(card.qrSvg).toMatch(/^<svg/);
    const [again] = await readPdf((await get(`/api/v1/accounts/${person.id}/card.pdf?layout=card`, khuangpao)).rawPayload);
    expect(again!.qr).toBe(token);
  });

  it('prints two card-size pages (85.6 × 54 mm), front and back, for a card printer', async () => {
    const pages = await readPdf((await get(`/api/v1/accounts/${person.id}/card.pdf?layout=card`, khuangpao)).rawPayload);
    expect(pages).toHaveLength(2);
    for (const page of pages) {
      expect((page.width * 25.4) / 72).toBeCloseTo(85.6, 1);
      expect((page.height * 25.4) / 72).toBeCloseTo(53.98, 1);
    }
    expect(asRead(pages[0]!.text)).toContain(NAME);
    expect(asRead(pages[1]!.text)).toContain('QR นี้ไม่มีเลขประจำตัวประชาชน');
    expect(pages[1]!.text).toContain('Card 1, issued 15 June 2026');
  });

  it('gives the card to the person, the registrar and certifiers of the area and the admin; nobody else learns the account exists', async () => {
    for (const token of [person.token, khuangpao, certifierOnly, ADMIN_TOKEN]) {
      expect((await get(`/api/v1/accounts/${person.id}/card.pdf`, token)).statusCode).toBe(200);
      expect((await get(`/api/v1/accounts/${person.id}/card`, token)).statusCode).toBe(200);
    }
    const other = await p.app.inject({
      method: 'POST',
      url: '/api/v1/accounts',
      headers: auth(ADMIN_TOKEN),
      payload: { kind: 'person', nationalId: nextNationalId(), displayName: 'นายอื่น ต่างคน', areaCode: KHUANG_PAO, consents: ['enrolment'] },
    });
    const otherToken = await personToken(p.app, other.json().id);
    const missing = '019a0000-0000-7000-8000-000000000000';
    for (const [token, id] of [
      [nongsarai, person.id],
      [trc, person.id],
      [ptt, person.id],
      [otherToken, person.id],
      [khuangpao, missing],
    ] as const) {
      for (const url of [`/api/v1/accounts/${id}/card.pdf`, `/api/v1/accounts/${id}/card`, `/api/v1/accounts/${id}`]) {
        const r = await get(url, token);
        expect(r.statusCode, `${url} ${r.body}`).toBe(404);
        expect(r.json().error.code).toBe('account_not_found');
      }
    }
    expect((await get(`/api/v1/accounts/${person.id}/card.pdf`)).statusCode).toBe(401);
  });

  it('finds the account of a scanned card for staff of its area and the admin; another area gets the 404 of no account', async () => {
    const { token } = (await get(`/api/v1/accounts/${person.id}/card`, person.token)).json();
    const expected = {
      id: person.id,
      displayName: NAME,
      areaCode: KHUANG_PAO,
      enrolledAt: '2026-06-15T03:00:00.000Z',
      status: 'active',
      memberNumber: expect.stringMatching(/^\d{4} \d{4} \d{4}$/),
      links: { self: `/api/v1/accounts/${person.id}`, cardPdf: `/api/v1/accounts/${person.id}/card.pdf` },
    };
    for (const as of [khuangpao, certifierOnly, ADMIN_TOKEN]) {
      const r = await scan(token, as);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject(expected);
      expect(r.body).not.toContain(person.nationalId);
    }
    for (const as of [nongsarai, trc, ptt]) {
      const r = await scan(token, as);
      expect(r.statusCode, r.body).toBe(404);
      expect(r.json().error).toMatchObject({ code: 'account_not_found' });
      expect(r.json().error.details).toBeUndefined();
      expect(r.body).not.toContain(person.id);
    }
    expect((await p.app.inject({ method: 'POST', url: '/api/v1/accounts/scan', payload: { token } })).statusCode).toBe(401);
  });

  it('refuses forged, altered, foreign and garbled tokens with 422 invalid_token, and bad bodies with 400', async () => {
    const { token } = (await get(`/api/v1/accounts/${person.id}/card`, person.token)).json();
    const [header, payload, signature] = token.split('.');
    const other = (await enrol(khuangpao, { kind: 'person', nationalId: nextNationalId(), displayName: 'นางมะลิ ดีงาม', areaCode: KHUANG_PAO, consents: ['enrolment'] })).json();
    const swapped = Buffer.from(JSON.stringify({ ...decodeJwt(token), sub: other.id })).toString('base64url');
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    const jwks = (await get('/.well-known/jwks.json')).json();
    const foreign = await new SignJWT({ card: 1 })
      .setProtectedHeader({ alg: 'EdDSA', typ: 'khwamdee-card+jwt', kid: jwks.keys[0].kid })
      .setIssuer(decodeJwt(token).iss!)
      .setSubject(person.id)
      .setIssuedAt()
      .sign(privateKey);
    const none = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'khwamdee-card+jwt' })).toString('base64url')}.${payload}.`;
    for (const bad of [
      `${header}.${swapped}.${signature}`,
      `${header}.${payload}.${signature!.slice(0, -4)}AAAA`,
      foreign,
      none,
      'not a token',
      'https://example.org/?q=1',
      person.nationalId,
      `${token}x`,
    ]) {
      const r = await scan(bad, khuangpao);
      expect(r.statusCode, `${bad}: ${r.body}`).toBe(422);
      expect(r.json().error.code).toBe('invalid_token');
    }
    for (const body of [{}, { token: '' }, { token: 'x'.repeat(2001) }, { token: 42 }, { token, extra: 1 }]) {
      const r = await p.app.inject({ method: 'POST', url: '/api/v1/accounts/scan', headers: auth(khuangpao), payload: body });
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.code).toBe('validation_failed');
    }
    for (const url of ['/api/v1/accounts/not-a-uuid/card.pdf', `/api/v1/accounts/${person.id}/card.pdf?layout=poster`]) {
      const r = await get(url, khuangpao);
      expect(r.statusCode, url).toBe(400);
      expect(r.json().error.code).toBe('validation_failed');
    }
  });

  it('refuses a genuine platform token of another kind (a voucher) scanned as a card', async () => {
    const donor = (
      await enrol(khuangpao, { kind: 'person', nationalId: nextNationalId(), displayName: 'นายให้ เลือด', areaCode: KHUANG_PAO, consents: ['enrolment', 'health'] })
    ).json();
    const credited = await p.app.inject({
      method: 'POST',
      url: '/api/v1/attestations',
      headers: auth(trc),
      payload: {
        ref: `card-${donor.id}`,
        subject: { accountId: donor.id },
        indicator: 'trc.blood.red-cell',
        occurredAt: '2026-06-01T09:00:00+07:00',
        evidence: { donationNo: 'C-1' },
      },
    });
    expect(credited.json().status, credited.body).toBe('credited');
    const voucher = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${donor.id}/redemptions`,
      headers: auth(await personToken(p.app, donor.id)),
      payload: { privilege: 'ptt.bluepoints', requestKey: 'card-scan-voucher' },
    });
    expect(voucher.statusCode, voucher.body).toBe(201);
    const r = await scan(voucher.json().token, ADMIN_TOKEN);
    expect(r.statusCode, r.body).toBe(422);
    expect(r.json().error.code).toBe('invalid_token');
  });

  it('re-issues a lost card: the next serial scans, the old one answers 409 card_replaced; two re-issues at once make one card', async () => {
    const holder = (await enrol(khuangpao, { kind: 'person', nationalId: nextNationalId(), displayName: 'นายบุญมี ศรีสุข', areaCode: KHUANG_PAO, consents: ['enrolment'] })).json();
    const holderToken = await personToken(p.app, holder.id);
    const first = (await get(`/api/v1/accounts/${holder.id}/card`, khuangpao)).json();
    const reissue = (as: string, replaces = 1) => p.app.inject({ method: 'POST', url: `/api/v1/accounts/${holder.id}/card`, headers: auth(as), payload: { replaces } });
    // A certifier may read the account but not issue cards; another area may not even see it.
    expect((await reissue(certifierOnly)).statusCode).toBe(403);
    expect((await reissue(nongsarai)).statusCode).toBe(404);
    const start = p.clock.now();
    p.clock.advance(3 * 86_400_000);
    try {
      const second = await reissue(khuangpao);
      expect(second.statusCode, second.body).toBe(201);
      expect(second.json()).toMatchObject({ accountId: holder.id, serial: 2, issuedAt: p.clock.now().toISOString(), memberNumber: first.memberNumber });
      expect(second.json().token).not.toBe(first.token);
      const old = await scan(first.token, khuangpao);
      expect(old.statusCode, old.body).toBe(409);
      expect(old.json().error).toMatchObject({ code: 'card_replaced', details: { serial: 1, currentSerial: 2, replacedAt: p.clock.now().toISOString() } });
      // The replaced card still reveals nothing to another area.
      expect((await scan(first.token, nongsarai)).statusCode).toBe(404);
      expect((await scan(second.json().token, khuangpao)).json().id).toBe(holder.id);
      // The printed card is the new one.
      const [front] = await readPdf((await get(`/api/v1/accounts/${holder.id}/card.pdf?layout=card`, khuangpao)).rawPayload);
      expect(front!.qr).toBe(second.json().token);

      // Replacing card 1 again (a retry) answers card 2 and makes no third card.
      const retry = await reissue(khuangpao, 1);
      expect(retry.statusCode, retry.body).toBe(200);
      expect(retry.json().token).toBe(second.json().token);

      // The holder replaces card 2, twice at the same moment (a double tap): one new card, serial 3, for both.
      const both = await Promise.all([reissue(holderToken, 2), reissue(holderToken, 2)]);
      expect(both.map((r) => r.statusCode).sort()).toEqual([200, 201]);
      expect(both.map((r) => r.json().serial)).toEqual([3, 3]);
      expect(both[0]!.json().token).toBe(both[1]!.json().token);
      // Card 1 is two replacements behind, card 9 does not exist.
      expect((await reissue(khuangpao, 1)).json().error).toMatchObject({ code: 'card_replaced', details: { serial: 1, currentSerial: 3 } });
      expect((await reissue(khuangpao, 9)).statusCode).toBe(404);
      for (const payload of [{}, { replaces: 0 }, { replaces: '2' }, { replaces: 2.5 }]) {
        const bad = await p.app.inject({ method: 'POST', url: `/api/v1/accounts/${holder.id}/card`, headers: auth(khuangpao), payload });
        expect(bad.statusCode, JSON.stringify(payload)).toBe(400);
      }
      const rows = await p.store.db.selectFrom('account_cards').select(['serial', 'issued_by']).where('account_id', '=', holder.id).orderBy('serial').execute();
      expect(rows).toEqual([
        { serial: 2, issued_by: 'khuangpao' },
        { serial: 3, issued_by: 'holder' },
      ]);
      expect((await scan(second.json().token, khuangpao)).json().error.code).toBe('card_replaced');
      // Another person cannot re-issue someone's card.
      expect((await reissue(person.token)).statusCode).toBe(404);
    } finally {
      p.clock.set(start);
    }
  });

  it('prints no card for a person who left, while a scan still shows who it was and that they left', async () => {
    const leaver = (
      await enrol(khuangpao, { kind: 'person', nationalId: nextNationalId(), displayName: 'นางสาวจากไป แล้วนะ', areaCode: KHUANG_PAO, consents: ['enrolment'] })
    ).json();
    const { token } = (await get(`/api/v1/accounts/${leaver.id}/card`, khuangpao)).json();
    await p.store.db.updateTable('accounts').set({ status: 'left' }).where('id', '=', leaver.id).execute();
    for (const r of [
      await get(`/api/v1/accounts/${leaver.id}/card.pdf`, khuangpao),
      await get(`/api/v1/accounts/${leaver.id}/card`, khuangpao),
      await p.app.inject({ method: 'POST', url: `/api/v1/accounts/${leaver.id}/card`, headers: auth(khuangpao), payload: { replaces: 1 } }),
    ]) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('account_left');
    }
    expect((await scan(token, khuangpao)).json()).toMatchObject({ id: leaver.id, status: 'left' });
  });

  it('documents the card routes and the account answers in OpenAPI with response schemas', async () => {
    const doc = (await get('/docs/json')).json();
    const pdf = doc.paths['/api/v1/accounts/{id}/card.pdf'].get;
    expect(pdf.responses['200'].content['application/pdf'].schema).toMatchObject({ type: 'string', format: 'binary' });
    expect(doc.paths['/api/v1/accounts/scan'].post.responses['200'].content['application/json'].schema.properties).toHaveProperty('memberNumber');
    expect(doc.paths['/api/v1/accounts/{id}'].get.responses['200'].content['application/json'].schema.properties).toHaveProperty('links');
    expect(doc.paths['/api/v1/accounts'].post.responses['201'].content['application/json'].schema.properties.links.properties).toHaveProperty('cardPdf');
    expect(doc.paths['/api/v1/accounts/{id}/card'].post.responses).toHaveProperty('201');
    const confirm = doc.paths['/api/v1/partner/vouchers/confirm'].post;
    expect(confirm.summary).toContain('not idempotent');
    expect(JSON.stringify(confirm.responses['409'])).toContain('voucher_already_used');
  });
});
