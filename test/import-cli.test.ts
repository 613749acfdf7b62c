// `khwamdee import` through the real CLI against a real server process, and a server killed with
// SIGKILL in the middle of an import that, once started again, finishes it with the same totals.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { withThaiCheckDigit } from '../src/core/ids.js';
import { openStore } from '../src/store/database.js';
import { nextNationalId } from './support/platforms.js';
import { freePort, ROOT, runCli, runCliToEnd, type Running } from './support/process.js';

const ADMIN = 'import-cli-admin-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'khwamdee-import-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const EXAMPLE_PEOPLE = ['1101700230708', '3100500123458', '5701200345678'];

async function startServer(dataDir: string, port: number): Promise<{ server: Running; url: string }> {
  const server = runCli(['serve'], { PORT: String(port), KHWAMDEE_DATA_DIR: dataDir, KHWAMDEE_ADMIN_TOKEN: ADMIN });
  const [, url] = await server.waitFor(/is running: (http:\/\/\S+)\/docs/);
  return { server, url: url! };
}

// biome-ignore lint/suspicious/noExplicitAny: the test reads loose JSON answers
async function api(url: string, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${url}${path}`, {
    method,
    // As staff reading a person's record must say why (their access log shows it).
    headers: { authorization: `Bearer ${token}`, 'x-khwamdee-purpose': 'audit', ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, json: await res.json() };
}

const enrol = async (url: string, nationalId: string) => {
  const r = await api(url, 'POST', '/api/v1/accounts', ADMIN, { kind: 'person', nationalId, displayName: 'ทดสอบ', areaCode: '500204', consents: ['enrolment', 'health'] });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.id as string;
};

describe('import CLI', { timeout: 120_000 }, () => {
  it('imports the example XML with a manifest signed by --sign-key and saves the receipt, which verifies with the JWKS', async () => {
    const { server, url } = await startServer(join(dir, 'data-xml'), await freePort());
    try {
      const trc = (await api(url, 'POST', '/api/v1/agencies/trc/keys', ADMIN, {})).json.token as string;
      for (const id of EXAMPLE_PEOPLE) await enrol(url, id);
      const { privateKey, publicKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
      const keyFile = join(dir, 'agency-key.json');
      writeFileSync(keyFile, JSON.stringify(await exportJWK(privateKey)));
      expect((await api(url, 'POST', '/api/v1/signing-keys', trc, { jwk: await exportJWK(publicKey) })).status).toBe(201);
      const example = join(dir, 'attestations.example.xml');
      copyFileSync(join(ROOT, 'docs/exchange/attestations.example.xml'), example);
      const env = { KHWAMDEE_URL: url, KHWAMDEE_TOKEN: trc };
      // Without the key the upload is refused: the agency has registered one.
      const unsigned = await runCliToEnd(['import', example], env);
      expect(unsigned.code, unsigned.output).toBe(1);
      expect(unsigned.output).toContain('manifest_required');
      const receiptFile = join(dir, 'deeds.receipt.jws');
      const ok = await runCliToEnd(['import', example, '--sign-key', keyFile, '--receipt', receiptFile], env);
      expect(ok.code, ok.output).toBe(0);
      expect(ok.output).toContain('xml');
      expect(ok.output).toContain('3 rows, 3 credited');
      const jwks = await (await fetch(`${url}/.well-known/jwks.json`)).json();
      const { payload } = await jwtVerify(readFileSync(receiptFile, 'utf8').trim(), createLocalJWKSet(jwks), { audience: 'trc' });
      expect(payload).toMatchObject({ counts: { credited: 3 }, import: { format: 'xml' } });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('imports the example file, saves the report of a file with a bad row and refuses a file that is not UTF-8', async () => {
    const { server, url } = await startServer(join(dir, 'data-cli'), await freePort());
    try {
      const trc = (await api(url, 'POST', '/api/v1/agencies/trc/keys', ADMIN, {})).json.token as string;
      for (const id of EXAMPLE_PEOPLE) await enrol(url, id);
      const env = { KHWAMDEE_URL: url, KHWAMDEE_TOKEN: trc };

      const example = join(dir, 'attestations.example.csv');
      copyFileSync(join(ROOT, 'docs/exchange/attestations.example.csv'), example);
      const ok = await runCliToEnd(['import', example], env);
      expect(ok.code, ok.output).toBe(0);
      expect(ok.output).toContain('นำเข้าเสร็จ / done: 3 rows, 3 credited, 0 pending, 0 rejected, 0 failed, 0 already recorded');
      expect(existsSync(`${example}.errors.csv`)).toBe(false);

      // The same file again, plus one row for someone who never enrolled.
      const withBad = join(dir, 'with-bad.csv');
      writeFileSync(
        withBad,
        `${readFileSync(example, 'utf8')}TRC-2569-000104,${nextNationalId()},,trc.blood.red-cell,2026-05-04T09:00:00+07:00,,,D-2569-000104,ศูนย์บริการโลหิตแห่งชาติ\r\n`,
      );
      const bad = await runCliToEnd(['import', withBad, '--format', 'csv', '--errors', join(dir, 'report.csv')], env);
      expect(bad.code, bad.output).toBe(3);
      expect(bad.output).toContain('4 rows, 3 credited, 0 pending, 0 rejected, 1 failed, 3 already recorded');
      expect(bad.output).toMatch(/รายงานข้อผิดพลาด \/ error report: \S+report\.csv {2}\(http:\/\/\S+\/errors\.csv\)/);
      const lines = parse(readFileSync(join(dir, 'report.csv')), { bom: true, columns: true }) as Array<Record<string, string>>;
      expect(lines.map((l) => [l.row, l.ref, l.code])).toEqual([['5', 'TRC-2569-000104', 'subject_not_enrolled']]);

      const tis = join(dir, 'tis620.csv');
      writeFileSync(
        tis,
        Buffer.concat([
          Buffer.from('ref,national_id,indicator,occurred_at,evidence_site\nA,1101700230708,trc.blood.plasma,2026-05-01T09:00:00+07:00,'),
          Buffer.from([0xc8, 0xd9, 0xb9]),
          Buffer.from('\n'),
        ]),
      );
      const refused = await runCliToEnd(['import', tis], env);
      expect(refused.code).toBe(1);
      expect(refused.output).toContain('error import_not_utf8');
      expect(refused.output).toContain('{"line":2}');

      const noKey = await runCliToEnd(['import', example], { KHWAMDEE_URL: url });
      expect(noKey.code).toBe(1);
      expect(noKey.output).toContain('error unauthenticated');
      const missing = await runCliToEnd(['import', join(dir, 'nope.csv')], env);
      expect(missing.code).toBe(1);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('finishes an import after the server was killed in the middle of it, with the same totals and no double credit', async () => {
    const dataDir = join(dir, 'data-kill');
    const port = await freePort();
    let { server, url } = await startServer(dataDir, port);
    try {
      const trc = (await api(url, 'POST', '/api/v1/agencies/trc/keys', ADMIN, {})).json.token as string;
      const people: string[] = [];
      for (let i = 0; i < 40; i++) people.push(nextNationalId('3'));
      await Promise.all(people.map((id) => enrol(url, id)));
      // 400 good rows (each person every 15 days), then rows for people who never enrolled.
      const rows = ['ref,national_id,indicator,occurred_at,evidence_donationNo'];
      // Deeds of the last 160 days (the server runs on the real clock; a closed year takes no credits).
      const first = Date.now() - 160 * 86_400_000;
      for (let i = 0; i < 400; i++) {
        const day = new Date(first + Math.floor(i / people.length) * 15 * 86_400_000).toISOString();
        rows.push(`K-${i},${people[i % people.length]},trc.blood.plasma,${day},D-${i}`);
      }
      for (let i = 400; i < 30_000; i++) rows.push(`K-${i},${withThaiCheckDigit(`8${String(i).padStart(11, '0')}`)},trc.blood.plasma,${new Date(first).toISOString()},D-${i}`);
      const body = `${rows.join('\n')}\n`;
      const up = await fetch(`${url}/api/v1/imports?fileName=kill.csv`, { method: 'POST', headers: { authorization: `Bearer ${trc}`, 'content-type': 'text/csv' }, body });
      expect(up.status).toBe(202);
      const id = ((await up.json()) as { id: string }).id;

      // Kill the server once part of the file is recorded.
      for (;;) {
        const s = (await api(url, 'GET', `/api/v1/imports/${id}`, trc)).json;
        if (s.rowsRead > 0) {
          expect(s.status).toBe('running');
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      server.child.kill('SIGKILL');
      await server.exited;
      // What the killed server left behind: an import part-way through the file.
      const store = await openStore({ sqliteFile: join(dataDir, 'khwamdee.sqlite') });
      const left = await store.db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      await store.close();
      expect(left.status).toBe('running');
      expect(Number(left.position)).toBeLessThan(Number(left.size_bytes));

      ({ server, url } = await startServer(dataDir, port));
      let s: Record<string, unknown>;
      const started = Date.now();
      do {
        await new Promise((resolve) => setTimeout(resolve, 100));
        s = (await api(url, 'GET', `/api/v1/imports/${id}`, trc)).json;
      } while (s.status !== 'done' && Date.now() - started < 60_000);
      expect(s).toMatchObject({ status: 'done', rowsRead: 30_000, credited: 400, failed: 29_600, rejected: 0, errorCount: 29_600 });
      let points = 0;
      for (const nationalId of people) {
        const { json } = await api(url, 'POST', '/api/v1/accounts/lookup', ADMIN, { nationalId });
        for (const year of new Set([new Date(first).getUTCFullYear(), new Date().getUTCFullYear()]))
          points += (await api(url, 'GET', `/api/v1/accounts/${json.id}/score?year=${year}`, ADMIN)).json.points as number;
      }
      expect(points).toBe(400 * 70);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
