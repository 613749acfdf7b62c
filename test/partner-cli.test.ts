// A partner's counter through the real CLI against a real server process, including offline
// verification of an eligibility token after the platform has gone down.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runCli, runCliToEnd } from './support/process.js';

const ADMIN = 'partner-cli-admin-token-0123456789';
const dir = mkdtempSync(join(tmpdir(), 'khwamdee-partner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('partner CLI', () => {
  it('confirms a voucher once (a second confirm fails loudly), shows stats and verifies eligibility online once and offline while the platform is down', async () => {
    const port = await freePort();
    const server = runCli(['serve', '--sample-data'], { PORT: String(port), KHWAMDEE_DATA_DIR: join(dir, 'data'), KHWAMDEE_ADMIN_TOKEN: ADMIN });
    let stopped = false;
    try {
      const [, url] = await server.waitFor(/is running: (http:\/\/\S+)\/docs/);
      const [, accountId, personToken] = server.output().match(/\((\S+)\) can also use the API with token (\S+)/) ?? [];
      const api = async (method: string, path: string, token: string, body?: unknown) => {
        const res = await fetch(`${url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        return { status: res.status, json: (await res.json()) as Record<string, unknown> };
      };
      const key = await api('POST', '/api/v1/agencies/ptt/keys', ADMIN, {});
      const ptt = String(key.json.token);
      const voucher = await api('POST', `/api/v1/accounts/${accountId}/redemptions`, personToken!, { privilege: 'ptt.bluepoints', requestKey: 'counter-test-1' });
      expect(voucher.status).toBe(201);
      const env = { KHWAMDEE_URL: url!, KHWAMDEE_TOKEN: ptt };

      const confirm = await runCliToEnd(['partner', 'confirm', String(voucher.json.shortCode)], env);
      expect(confirm.code, confirm.output).toBe(0);
      expect(confirm.output).toContain('confirmed');
      // A second confirm at the counter says loudly that the voucher was used, and fails.
      const again = await runCliToEnd(['partner', 'confirm', String(voucher.json.token)], env);
      expect(again.code, again.output).toBe(1);
      expect(again.output).toContain('ALREADY USED');
      expect(again.output).toContain('error voucher_already_used: บัตรกำนัลนี้ถูกใช้ไปแล้ว เมื่อวันที่');
      expect(again.output).toContain('ptt.bluepoints');
      const stats = await runCliToEnd(['partner', 'stats'], env);
      expect(stats.output).toMatch(/ptt\.bluepoints\tconfirmed\t1\t50 points/);
      const privileges = await runCliToEnd(['partner', 'privileges'], env);
      expect(privileges.output).toMatch(/ptt\.fuel-3\tapproved\tthreshold/);

      const eligible = await api('POST', `/api/v1/accounts/${accountId}/eligibility-tokens`, personToken!, { privilege: 'ptt.fuel-3' });
      expect(eligible.status).toBe(201);
      const token = String(eligible.json.token);
      const jwksFile = join(dir, 'jwks.json');
      writeFileSync(jwksFile, JSON.stringify(await (await fetch(`${url}/.well-known/jwks.json`)).json()));

      const online = await runCliToEnd(['partner', 'verify', token, '--partner', 'ptt'], env);
      expect(online.code, online.output).toBe(0);
      const twice = await runCliToEnd(['partner', 'verify', token, '--partner', 'ptt'], env);
      expect(twice.code).toBe(1);
      expect(twice.output).toContain('token_already_used');

      server.child.kill('SIGTERM');
      await server.exited;
      stopped = true;
      const offline = await runCliToEnd(['partner', 'verify', token, '--partner', 'ptt', '--jwks', jwksFile], env);
      expect(offline.code, offline.output).toBe(0);
      expect(offline.output).toContain('eligible (offline): ptt.fuel-3');
      const wrongPartner = await runCliToEnd(['partner', 'verify', token, '--partner', 'khuangpao', '--jwks', jwksFile], env);
      expect(wrongPartner.code).toBe(1);
    } finally {
      if (!stopped) server.child.kill('SIGTERM');
    }
    // Eight real processes (the server and seven CLI runs), each starting Node and tsx.
  }, 120_000);
});
