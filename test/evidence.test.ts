// Evidence files on SQLite and PostgreSQL: photos and PDFs checked by content, photos stored without
// their metadata, files outside the database, read back only by the person and their area's
// certifier, and every bad upload refused from the catalogue with nothing stored.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, enrolPerson, personToken, rowCounts } from './support/helpers.js';
import { expectError, expectRejectedWithoutWrites } from './support/bad-input.js';
import { filePart, html, jpegWithGps, multipart, pdf, pngHugeCanvas, pngWithGps, svg, webp, zipBomb, type Part } from './support/evidence-files.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const LIMIT = 256 * 1024;

describe.each(DB_KINDS)('evidence files (%s)', (kind) => {
  let p: TestPlatform;
  let nongsarai: string;
  let khuangpao: string;
  let trc: string;
  let person: { id: string; token: string };
  let other: { id: string; token: string };

  beforeAll(async () => {
    p = await openTestPlatform(kind, new Date('2026-07-20T03:00:00Z'), { evidenceLimit: LIMIT });
    nongsarai = await agencyToken(p.app, 'nongsarai');
    khuangpao = await agencyToken(p.app, 'khuangpao');
    trc = await agencyToken(p.app, 'trc');
    const a = await enrolPerson(p.app, { areaCode: '710911' });
    person = { id: a.id, token: await personToken(p.app, a.id) };
    const b = await enrolPerson(p.app, { areaCode: '710911' });
    other = { id: b.id, token: await personToken(p.app, b.id) };
  });
  afterAll(async () => p?.cleanup());

  const upload = (parts: Part[], who = person, account = who.id) => {
    const { payload, headers } = multipart(parts);
    return p.app.inject({ method: 'POST', url: `/api/v1/accounts/${account}/evidence`, headers: { ...headers, ...auth(who.token) }, payload });
  };
  const read = (account: string, hash: string, token: string) => p.app.inject({ method: 'GET', url: `/api/v1/accounts/${account}/evidence/${hash}`, headers: auth(token) });
  const storedFiles = () => {
    const dir = join(p.dataDir, 'evidence');
    return existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).length : 0;
  };
  const declare = (payload: Record<string, unknown>, who = person) =>
    p.app.inject({ method: 'POST', url: `/api/v1/accounts/${who.id}/declarations`, headers: auth(who.token), payload });

  it('stores a photo without its EXIF (GPS, camera), upright, outside the database, and reads it back to its owner only', async () => {
    const original = await jpegWithGps();
    expect(exifReader((await sharp(original).metadata()).exif!).GPSInfo).toMatchObject({ GPSLatitudeRef: 'N' });

    // The declared name and type are the client's word only.
    const res = await upload([filePart(original, '../../etc/passwd.html', 'text/html')]);
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), mediaType: 'image/jpeg', size: expect.any(Number), url: expect.any(String), metadataRemoved: true });
    expect(body.url).toBe(`/api/v1/accounts/${person.id}/evidence/${body.sha256}`);

    // Outside the database: <dataDir>/evidence/<2 hex>/<sha256>; the row holds hash, type and size only.
    const onDisk = readFileSync(join(p.dataDir, 'evidence', body.sha256.slice(0, 2), body.sha256));
    expect(sha256(onDisk)).toBe(body.sha256);
    expect(onDisk.length).toBe(body.size);
    const rows = await p.store.db.selectFrom('evidence_files').selectAll().where('account_id', '=', person.id).execute();
    expect(rows).toEqual([{ account_id: person.id, sha256: body.sha256, media_type: 'image/jpeg', size: body.size, created_at: '2026-07-20T03:00:00.000Z' }]);

    const back = await read(person.id, body.sha256, person.token);
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('image/jpeg');
    expect(back.headers['x-content-type-options']).toBe('nosniff');
    expect(back.headers['content-security-policy']).toBe("default-src 'none'; sandbox");
    expect(back.headers['content-disposition']).toBe(`inline; filename="evidence-${body.sha256.slice(0, 12)}.jpg"`);
    expect(back.headers['cache-control']).toBe('private, no-store');
    expect(sha256(back.rawPayload)).toBe(body.sha256);
    const meta = await sharp(back.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(back.rawPayload.includes('KhwamdeeTestCam')).toBe(false);
    // Turned upright before the orientation tag went with the rest.
    expect([meta.width, meta.height, meta.orientation]).toEqual([48, 64, undefined]);

    // The same photo again: the same answer, one row, one file.
    const files = storedFiles();
    const again = await upload([filePart(original)]);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(body);
    expect(storedFiles()).toBe(files);

    // Nobody else reads it before it is attached to a deed: not another person, the admin, issuers or certifiers.
    for (const token of [other.token, ADMIN_TOKEN, trc, khuangpao, nongsarai]) expectError(await read(person.id, body.sha256, token), 404, 'evidence_not_found');
    expectError(await read(other.id, body.sha256, other.token), 404, 'evidence_not_found');
    expectError(await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/evidence/${body.sha256}` }), 401, 'unauthenticated');
    expectError(await read(person.id, 'f'.repeat(64), person.token), 404, 'evidence_not_found');
    expectError(await read(person.id, 'not-a-hash', person.token), 400, 'validation_failed');
  });

  it('accepts PNG and WebP photos (PNG without its eXIf) and keeps a PDF byte for byte, as a download', async () => {
    const png = await upload([filePart(await pngWithGps(), 'x.jpg', 'image/jpeg')]);
    expect(png.statusCode, png.body).toBe(201);
    expect(png.json()).toMatchObject({ mediaType: 'image/png', metadataRemoved: true });
    const pngBack = await read(person.id, png.json().sha256, person.token);
    expect(pngBack.headers['content-type']).toBe('image/png');
    expect((await sharp(pngBack.rawPayload).metadata()).exif).toBeUndefined();

    const wp = await upload([filePart(await webp(), 'a.webp', 'image/webp')]);
    expect(wp.json()).toMatchObject({ mediaType: 'image/webp', metadataRemoved: true });

    const doc = pdf();
    const res = await upload([filePart(doc, 'minutes.pdf', 'application/octet-stream')]);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ sha256: sha256(doc), mediaType: 'application/pdf', size: doc.length, metadataRemoved: false });
    const back = await read(person.id, sha256(doc), person.token);
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(back.headers['content-disposition']).toBe(`attachment; filename="evidence-${sha256(doc).slice(0, 12)}.pdf"`);
    expect(back.headers['x-content-type-options']).toBe('nosniff');
    expect(back.rawPayload.equals(doc)).toBe(true);
  });

  it('refuses every bad upload from the catalogue and stores nothing', async () => {
    const jpeg = await jpegWithGps();
    const { payload: noParts, headers: mpHeaders } = multipart([]);
    const cases: Array<[string, () => Promise<import('./support/bad-input.js').InjectedResponse>, number, Parameters<typeof expectError>[2]]> = [
      ['HTML renamed .jpg', () => upload([filePart(html, 'photo.jpg', 'image/jpeg')]), 415, 'evidence_type_not_allowed'],
      ['SVG (can carry script)', () => upload([filePart(svg, 'photo.svg', 'image/svg+xml')]), 415, 'evidence_type_not_allowed'],
      ['zip bomb named .jpg', () => upload([filePart(zipBomb(), 'photo.jpg', 'image/jpeg')]), 415, 'evidence_type_not_allowed'],
      ['PNG claiming a 30,000 × 30,000 canvas', () => upload([filePart(pngHugeCanvas(), 'p.png', 'image/png')]), 413, 'evidence_too_large'],
      ['truncated JPEG', () => upload([filePart(jpeg.subarray(0, Math.floor(jpeg.length * 0.6)))]), 400, 'evidence_unreadable'],
      ['empty file', () => upload([filePart(Buffer.alloc(0))]), 400, 'evidence_empty'],
      ['a file over the limit', () => upload([filePart(Buffer.concat([jpeg, Buffer.alloc(LIMIT)]))]), 413, 'evidence_too_large'],
      ['two files', () => upload([filePart(jpeg), filePart(pdf(), 'b.pdf', 'application/pdf')]), 400, 'evidence_one_file'],
      ['no file, only a text field', () => upload([{ name: 'file', data: 'just text' }]), 400, 'evidence_file_missing'],
      ['a file in another field', () => upload([{ ...filePart(jpeg), name: 'photo' }]), 400, 'evidence_file_missing'],
      [
        'an empty form',
        () => p.app.inject({ method: 'POST', url: `/api/v1/accounts/${person.id}/evidence`, headers: { ...mpHeaders, ...auth(person.token) }, payload: noParts }),
        400,
        'evidence_file_missing',
      ],
      [
        'JSON instead of a form',
        () => p.app.inject({ method: 'POST', url: `/api/v1/accounts/${person.id}/evidence`, headers: auth(person.token), payload: { file: jpeg.toString('base64') } }),
        415,
        'multipart_required',
      ],
      [
        'raw bytes as image/jpeg',
        () => p.app.inject({ method: 'POST', url: `/api/v1/accounts/${person.id}/evidence`, headers: { ...auth(person.token), 'content-type': 'image/jpeg' }, payload: jpeg }),
        415,
        'multipart_required',
      ],
      [
        'a broken multipart body',
        () =>
          p.app.inject({
            method: 'POST',
            url: `/api/v1/accounts/${person.id}/evidence`,
            headers: { ...auth(person.token), 'content-type': 'multipart/form-data; boundary=xyz' },
            payload: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nabc',
          }),
        400,
        'validation_failed',
      ],
      ["another person's account", () => upload([filePart(jpeg)], other, person.id), 404, 'account_not_found'],
      ['an agency uploading for a person', () => upload([filePart(jpeg)], { id: person.id, token: nongsarai }), 404, 'account_not_found'],
    ];
    for (const [name, send, status, code] of cases) {
      const files = storedFiles();
      const e = await expectRejectedWithoutWrites(p.store.db, send, status, code);
      expect(storedFiles(), name).toBe(files);
      if (name === 'a file over the limit') expect(e.details).toEqual({ maxBytes: LIMIT });
    }
    const { payload, headers } = multipart([filePart(jpeg)]);
    expectError(await p.app.inject({ method: 'POST', url: `/api/v1/accounts/${person.id}/evidence`, headers, payload }), 401, 'unauthenticated');
  });

  it('keeps the rest of the API JSON-only', async () => {
    const { payload, headers } = multipart([filePart(await jpegWithGps())]);
    const res = await p.app.inject({ method: 'POST', url: `/api/v1/accounts/${person.id}/declarations`, headers: { ...headers, ...auth(person.token) }, payload });
    expectError(res, 415, 'unsupported_media_type');
    expectError(await p.app.inject({ method: 'POST', url: '/api/v1/attestations', headers: { ...headers, ...auth(trc) }, payload }), 415, 'unsupported_media_type');
  });

  it("attaches only the uploader's own files to a declaration; another person's hash is not found", async () => {
    const mine = (await upload([filePart(await jpegWithGps({ r: 1, g: 2, b: 3 }))])).json().sha256 as string;
    const theirs = (await upload([filePart(pdf('other person'), 'o.pdf', 'application/pdf')], other)).json().sha256 as string;
    const deed = { ref: 'evidence-1', indicator: 'nongsarai.environment.1', occurredAt: '2026-07-10T09:00:00+07:00' };

    const before = await rowCounts(p.store.db);
    const e = expectError(await declare({ ...deed, evidenceFiles: [mine, theirs] }), 404, 'evidence_not_found');
    expect(e.details).toEqual({ evidenceFiles: [theirs] });
    expectError(await declare({ ...deed, evidenceFiles: ['0'.repeat(64)] }), 404, 'evidence_not_found');
    expectError(await declare({ ...deed, evidenceFiles: ['../etc/passwd'] }), 400, 'validation_failed');
    expect(await rowCounts(p.store.db)).toEqual(before);

    // Upper-case hex is the same hash; a repeat in the list is one attachment.
    const ok = await declare({ ...deed, evidenceFiles: [mine.toUpperCase(), mine] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().status).toBe('pending');
    const replay = await declare({ ...deed, evidenceFiles: [mine] });
    expect(replay.statusCode).toBe(200);
    expectError(await declare({ ...deed, evidenceFiles: [(await upload([filePart(pdf('x'), 'x.pdf')])).json().sha256] }), 409, 'ref_conflict');

    // Now attached: the certifier of the person's area reads it; another area's certifier and others still do not.
    const certifierRead = await read(person.id, mine, nongsarai);
    expect(certifierRead.statusCode).toBe(200);
    expect(certifierRead.headers['content-type']).toBe('image/jpeg');
    for (const token of [khuangpao, trc, ADMIN_TOKEN, other.token]) expectError(await read(person.id, mine, token), 404, 'evidence_not_found');
    // The other person's unattached file stays theirs alone.
    expectError(await read(other.id, theirs, nongsarai), 404, 'evidence_not_found');

    const history = await p.app.inject({ method: 'GET', url: `/api/v1/accounts/${person.id}/attestations?year=2026`, headers: auth(person.token) });
    const item = history.json().items.find((i: { id: string }) => i.id === ok.json().id);
    expect(item.evidenceFiles).toEqual([{ sha256: mine, mediaType: 'image/jpeg', size: expect.any(Number), url: `/api/v1/accounts/${person.id}/evidence/${mine}` }]);
  });

  it('takes the same upload twice at once as one file and one row', async () => {
    const photo = await jpegWithGps({ r: 9, g: 9, b: 9 });
    const [a, b] = await Promise.all([upload([filePart(photo)]), upload([filePart(photo)])]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().sha256).toBe(b.json().sha256);
    const rows = await p.store.db.selectFrom('evidence_files').select('sha256').where('sha256', '=', a.json().sha256).execute();
    expect(rows).toHaveLength(1);
  });

  it('limits new uploads per person per Bangkok day', async () => {
    const a = await enrolPerson(p.app, { areaCode: '710911' });
    const busy = { id: a.id, token: await personToken(p.app, a.id) };
    // Fifty uploads earlier today (Bangkok: 20 July from 19 July 17:00 UTC).
    await p.store.db
      .insertInto('evidence_files')
      .values(
        Array.from({ length: 50 }, (_, i) => ({
          account_id: busy.id,
          sha256: String(i).padStart(64, '0'),
          media_type: 'image/png',
          size: 1,
          created_at: '2026-07-19T17:00:00.000Z',
        })),
      )
      .execute();
    const photo = await jpegWithGps({ r: 50, g: 60, b: 70 });
    const files = storedFiles();
    const e = await expectRejectedWithoutWrites(p.store.db, () => upload([filePart(photo)], busy), 429, 'evidence_quota_exceeded');
    expect(e.details).toEqual({ maxPerDay: 50 });
    expect(storedFiles()).toBe(files);
    p.clock.set(new Date('2026-07-20T17:00:00Z'));
    expect((await upload([filePart(photo)], busy)).statusCode).toBe(201);
    p.clock.set(new Date('2026-07-20T03:00:00Z'));
  });

  it('documents the upload as multipart and the download as binary in OpenAPI', async () => {
    const doc = (await p.app.inject({ method: 'GET', url: '/docs/json' })).json();
    const post = doc.paths['/api/v1/accounts/{id}/evidence'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['multipart/form-data']);
    expect(post.requestBody.content['multipart/form-data'].schema.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(post.responses['201'].content['application/json'].schema.properties).toHaveProperty('metadataRemoved');
    const get = doc.paths['/api/v1/accounts/{id}/evidence/{sha256}'].get;
    expect(Object.keys(get.responses['200'].content).sort()).toEqual(['application/pdf', 'image/jpeg', 'image/png', 'image/webp']);
  });
});
