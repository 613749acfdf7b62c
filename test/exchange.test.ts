// The exchange standard on SQLite and PostgreSQL: XML files (the documented example, a bad row,
// an unreadable record and a resume mid-document; DTDs refused), agencies' manifest-signing keys
// and signed manifests (verified, or refused: another agency's key, a revoked key, a manifest
// replayed for a different file, a forged signature), and the platform's signed receipt, which
// verifies against the JWKS and names a checkpoint that includes the credited rows.
import { readFileSync } from 'node:fs';
import { CompactSign, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromBase64, verifyInclusion } from '../src/core/merkle/index.js';
import type { ImportView } from '../src/services/imports.js';
import { DB_KINDS, auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken, enrolPerson } from './support/helpers.js';

const doc = (name: string) => readFileSync(new URL(`../docs/exchange/${name}`, import.meta.url));
const EXAMPLE_CSV = doc('attestations.example.csv');
const EXAMPLE_JSONL = doc('attestations.example.jsonl');
const EXAMPLE_XML = doc('attestations.example.xml');
const EXAMPLE_MANIFEST = JSON.parse(doc('manifest.example.json').toString('utf8')) as Record<string, unknown>;
const EXAMPLE_PEOPLE = ['1101700230708', '3100500123458', '5701200345678'];
const NS = 'urn:khwamdee:exchange:attestations:1';

const b64 = (t: string): Uint8Array => {
  const bytes = fromBase64(t);
  if (!bytes) throw new Error(`not base64: ${t}`);
  return bytes;
};

async function newKey(): Promise<{ privateKey: CryptoKey; jwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { privateKey, jwk: await exportJWK(publicKey) };
}

const sign = (claims: Record<string, unknown>, key: CryptoKey, kid: string) =>
  new CompactSign(new TextEncoder().encode(JSON.stringify(claims))).setProtectedHeader({ alg: 'EdDSA', kid, typ: 'khwamdee-manifest+json' }).sign(key);

const sha256 = async (b: Buffer) => (await import('node:crypto')).createHash('sha256').update(b).digest('hex');

describe.each(DB_KINDS)('the exchange standard (%s)', (kind) => {
  let p: TestPlatform;
  let trc: string;
  let khuangpao: string;
  let people: Array<{ id: string; nationalId: string }>;

  beforeAll(async () => {
    p = await openTestPlatform(kind, undefined, { imports: { autoStart: false, chunkRows: 2 }, sequencer: { autoStart: false } });
    trc = await agencyToken(p.app, 'trc');
    khuangpao = await agencyToken(p.app, 'khuangpao');
    for (const nationalId of EXAMPLE_PEOPLE) await enrolPerson(p.app, { nationalId });
    people = [];
    for (let i = 0; i < 8; i++) people.push(await enrolPerson(p.app));
  });
  afterAll(async () => p?.cleanup());

  const upload = (token: string, body: string | Buffer, contentType: string, headers: Record<string, string> = {}) =>
    p.app.inject({ method: 'POST', url: '/api/v1/imports?fileName=deeds.xml', headers: { ...auth(token), 'content-type': contentType, ...headers }, payload: body });
  const status = async (id: string, token = trc): Promise<ImportView> => (await p.app.inject({ method: 'GET', url: `/api/v1/imports/${id}`, headers: auth(token) })).json();
  const receipt = (id: string, token = trc) => p.app.inject({ method: 'GET', url: `/api/v1/imports/${id}/receipt`, headers: auth(token) });
  const errors = async (id: string) =>
    (await p.app.inject({ method: 'GET', url: `/api/v1/imports/${id}/errors`, headers: auth(trc) })).json<{ items: Array<{ row: number; column: string; code: string }> }>().items;

  it('imports the documented XML and JSON Lines examples, and serves the standard at /docs/exchange', async () => {
    for (const [body, type] of [
      [EXAMPLE_JSONL, 'application/x-ndjson'],
      [EXAMPLE_XML, 'application/xml; charset=utf-8'],
    ] as const) {
      const res = await upload(trc, body, type);
      expect(res.statusCode, res.body).toBe(202);
      await p.services.imports.runOnce();
      const v = await status(res.json<ImportView>().id);
      expect(v).toMatchObject({ status: 'done', rowsRead: 3, credited: 3, failed: 0, rejected: 0, position: body.length });
    }
    const readme = await p.app.inject({ method: 'GET', url: '/docs/exchange' });
    expect(readme.statusCode).toBe(200);
    expect(readme.body).toContain('มาตรฐาน');
    const xsd = await p.app.inject({ method: 'GET', url: '/docs/exchange/attestations.xsd' });
    expect(xsd.statusCode).toBe(200);
    expect(xsd.headers['content-type']).toContain('application/xml');
    expect((await p.app.inject({ method: 'GET', url: '/docs/exchange/..%2Fsecrets.json' })).statusCode).toBe(400);
  });

  it('credits the good records of an XML file, reports the bad ones by line, and resumes mid-document', async () => {
    const rec = (i: number, subject: string) =>
      `  <k:attestation>\n    <k:ref>X-${p.clock.now().getTime()}-${i}</k:ref>\n    <k:subject>${subject}</k:subject>\n    <k:indicator>trc.blood.red-cell</k:indicator>\n    <k:occurredAt>2026-03-0${i + 1}T09:00:00+07:00</k:occurredAt>\n    <k:evidence><k:item key="donationNo">D-${i}</k:item></k:evidence>\n  </k:attestation>\n`;
    const acc = (i: number) => `<k:accountId>${people[i]!.id}</k:accountId>`;
    const xml = [
      `<?xml version="1.0" encoding="UTF-8"?>\n<k:attestations xmlns:k="${NS}">\n`,
      rec(0, acc(0)), // line 3
      rec(1, '<k:nationalId>1101700230709</k:nationalId>'), // line 10: wrong check digit
      rec(2, acc(2)), // line 17
      rec(3, `${acc(3)}&undefined;`), // line 24: not well-formed
      rec(4, acc(4)), // line 31
      rec(5, acc(5)), // line 38
      '</k:attestations>\n',
    ].join('');
    const res = await upload(trc, xml, 'text/xml');
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json<ImportView>().id;
    // One chunk of two records, then the platform stops; the next run reads on from the position.
    await p.services.imports.runOnce({ maxChunks: 1 });
    const half = await status(id);
    expect(half.rowsRead).toBe(2);
    expect(half.position).toBeGreaterThan(0);
    expect(half.position).toBeLessThan(Buffer.byteLength(xml));
    await p.services.imports.runOnce();
    const v = await status(id);
    expect(v).toMatchObject({ status: 'done', rowsRead: 6, credited: 4, failed: 2 });
    const items = await errors(id);
    expect(items.map((e) => [e.row, e.column, e.code])).toEqual([
      [10, 'subject.nationalId', 'invalid_national_id'],
      [24, '', 'import_xml_malformed'],
    ]);
    // Sent again: nothing credited twice.
    p.clock.advance(1_000);
    const again = await upload(trc, xml, 'application/xml');
    await p.services.imports.runOnce();
    expect(await status(again.json<ImportView>().id)).toMatchObject({ status: 'done', credited: 4, alreadyRecorded: 4 });
  });

  it('refuses DOCTYPEs (external entities, billion laughs) and foreign roots before queueing anything', async () => {
    const before = (await p.app.inject({ method: 'GET', url: '/api/v1/imports?limit=200', headers: auth(trc) })).json<{ items: unknown[] }>().items.length;
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<attestations xmlns="${NS}"><attestation><ref>&x;</ref></attestation></attestations>`;
    const laughs = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><attestations xmlns="${NS}">&b;</attestations>`;
    for (const body of [xxe, laughs]) {
      const res = await upload(trc, body, 'application/xml');
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('import_xml_dtd');
    }
    for (const body of ['<attestations><attestation/></attestations>', `<deeds xmlns="${NS}"/>`]) {
      const res = await upload(trc, body, 'application/xml');
      expect(res.json().error.code).toBe('import_xml_root');
    }
    const latin = await upload(trc, `<?xml version="1.0" encoding="ISO-8859-1"?><attestations xmlns="${NS}"/>`, 'application/xml');
    expect(latin.json().error.code).toBe('import_not_utf8');
    expect((await p.app.inject({ method: 'GET', url: '/api/v1/imports?limit=200', headers: auth(trc) })).json<{ items: unknown[] }>().items.length).toBe(before);
  });

  it('verifies signed manifests against the agency own keys, refuses the rest, and signs a receipt covering the credited rows', async () => {
    const mine = await newKey();
    const other = await newKey();
    const add = (token: string, body: Record<string, unknown>) => p.app.inject({ method: 'POST', url: '/api/v1/signing-keys', headers: auth(token), payload: body });

    // Bad keys.
    for (const body of [{ publicKey: 'abc' }, { jwk: { kty: 'RSA', n: 'x', e: 'AQAB' } }, {}, { jwk: mine.jwk, publicKey: mine.jwk.x }]) {
      const res = await add(trc, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('signing_key_invalid');
    }
    const added = await add(trc, { jwk: mine.jwk, label: 'ระบบคลังเลือด' });
    expect(added.statusCode, added.body).toBe(201);
    const kid = added.json<{ kid: string }>().kid;
    expect((await add(trc, { publicKey: Buffer.from(mine.jwk.x!, 'base64url').toString('base64') })).json().error.code).toBe('signing_key_exists');
    const otherKid = (await add(khuangpao, { jwk: other.jwk })).json<{ kid: string }>().kid;
    const listed = (await p.app.inject({ method: 'GET', url: '/api/v1/signing-keys', headers: auth(trc) })).json<{ items: Array<{ kid: string }> }>().items;
    expect(listed.map((k) => k.kid)).toEqual([kid]);

    // The example manifest names the example CSV; signed with the agency's key it is accepted.
    expect(EXAMPLE_MANIFEST.sha256).toBe(await sha256(EXAMPLE_CSV));
    const manifest = await sign(EXAMPLE_MANIFEST, mine.privateKey, kid);
    const refused = async (body: Buffer | string, header: string | undefined, code: string, type = 'text/csv') => {
      const res = await upload(trc, body, type, header === undefined ? {} : { 'x-khwamdee-manifest': header });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe(code);
    };
    await refused(EXAMPLE_CSV, undefined, 'manifest_required');
    await refused(EXAMPLE_JSONL, manifest, 'manifest_hash_mismatch', 'application/x-ndjson'); // replayed for another file
    await refused(EXAMPLE_CSV, await sign(EXAMPLE_MANIFEST, other.privateKey, otherKid), 'manifest_unknown_key'); // another agency's key
    await refused(EXAMPLE_CSV, await sign(EXAMPLE_MANIFEST, other.privateKey, kid), 'manifest_invalid'); // forged: wrong key under our kid
    await refused(EXAMPLE_CSV, `${manifest.slice(0, -4)}AAAA`, 'manifest_invalid');
    await refused(EXAMPLE_CSV, 'not-a-jws', 'manifest_invalid');
    await refused(EXAMPLE_CSV, await sign({ ...EXAMPLE_MANIFEST, sha256: 'x' }, mine.privateKey, kid), 'manifest_invalid');

    const res = await upload(trc, EXAMPLE_CSV, 'text/csv', { 'x-khwamdee-manifest': manifest });
    expect(res.statusCode, res.body).toBe(202);
    const id = res.json<ImportView>().id;

    // No receipt before the import is done, nor before the log has integrated its rows; nor for another agency.
    expect((await receipt(id)).statusCode).toBe(409);
    expect((await receipt(id)).json().error.code).toBe('receipt_not_ready');
    await p.services.imports.runOnce();
    const done = await status(id);
    expect(done.status).toBe('done');
    expect((await receipt(id)).json().error.details.waitingFor).toBe('log');
    await p.sequencer.integrateOnce();
    expect((await receipt(id, khuangpao)).statusCode).toBe(404);
    const got = await receipt(id);
    expect(got.statusCode, got.body).toBe(200);
    const jws = got.json<{ receipt: string }>().receipt;
    expect((await receipt(id)).json().receipt).toBe(jws);

    const jwks = (await p.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
    const { payload, protectedHeader } = await jwtVerify(jws, createLocalJWKSet(jwks), { audience: 'trc', subject: id, typ: 'khwamdee-import-receipt+jwt' });
    expect(protectedHeader.alg).toBe('EdDSA');
    const claims = payload as unknown as {
      import: { id: string; sha256: string; agency: string };
      counts: { rowsRead: number; credited: number; rejected: number };
      manifest: { kid: string; sha256: string };
      checkpoint: { size: number; rootHash: string };
    };
    expect(claims.import).toMatchObject({ id, agency: 'trc', sha256: await sha256(EXAMPLE_CSV) });
    expect(claims.counts).toMatchObject({ rowsRead: done.rowsRead, credited: done.credited, rejected: done.rejected });
    expect(claims.manifest).toEqual({ kid, sha256: await sha256(Buffer.from(manifest)) });

    // A credited row of this agency is in the tree the receipt names: its inclusion proof verifies against that root.
    const credited = await p.store.db
      .selectFrom('attestations')
      .innerJoin('credits', 'credits.attestation_id', 'attestations.id')
      .innerJoin('log_entries', (j) => j.onRef('log_entries.ref_id', '=', 'credits.id').on('log_entries.kind', '=', 'credit'))
      .select(['log_entries.leaf_index'])
      .where('attestations.issuer_code', '=', 'trc')
      .orderBy('log_entries.seq', 'desc')
      .executeTakeFirstOrThrow();
    const index = Number(credited.leaf_index);
    expect(index).toBeLessThan(claims.checkpoint.size);
    const proof = (await p.app.inject({ method: 'GET', url: `/api/v1/log/inclusion?index=${index}&size=${claims.checkpoint.size}` })).json<{ leafHash: string; proof: string[] }>();
    expect(verifyInclusion(b64(proof.leafHash), index, claims.checkpoint.size, proof.proof.map(b64), b64(claims.checkpoint.rootHash))).toBe(true);

    // A revoked key signs nothing more; revoking is the agency's own business.
    expect((await p.app.inject({ method: 'DELETE', url: `/api/v1/signing-keys/${kid}`, headers: auth(khuangpao) })).statusCode).toBe(404);
    const revoked = await p.app.inject({ method: 'DELETE', url: `/api/v1/signing-keys/${kid}`, headers: auth(trc) });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    await refused(EXAMPLE_CSV, manifest, 'manifest_key_revoked');
    // Revoking every key does not switch manifests off.
    await refused(EXAMPLE_CSV, undefined, 'manifest_required');
  });
});
