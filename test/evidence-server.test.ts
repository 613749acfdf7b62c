// Evidence uploads through a real server socket (not app.inject): streaming multipart with the size
// limit, and even at LOG_LEVEL=trace the upload's bearer token never reaches the log.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { withThaiCheckDigit } from '../src/core/ids.js';
import { freePort, runCli } from './support/process.js';
import { jpegWithGps } from './support/evidence-files.js';

const dataDir = mkdtempSync(join(tmpdir(), 'khwamdee-evidence-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('evidence uploads on a running server', () => {
  it('streams a photo in, refuses one over the limit, and logs no token', async () => {
    const admin = `admin-${'x'.repeat(30)}`;
    const port = await freePort();
    const server = runCli(['serve'], { PORT: String(port), KHWAMDEE_DATA_DIR: dataDir, KHWAMDEE_ADMIN_TOKEN: admin, KHWAMDEE_EVIDENCE_LIMIT: '65536', LOG_LEVEL: 'trace' });
    try {
      const [, url] = await server.waitFor(/is running: (http:\/\/\S+)\/docs/);
      const json = { 'content-type': 'application/json', authorization: `Bearer ${admin}` };
      const enrolled = await fetch(`${url}/api/v1/accounts`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ kind: 'person', nationalId: withThaiCheckDigit('371091100777'), displayName: 'มาลี ทองดี', areaCode: '710911', consents: ['enrolment'] }),
      });
      expect(enrolled.status).toBe(201);
      const { id } = (await enrolled.json()) as { id: string };
      const { token } = (await (await fetch(`${url}/api/v1/accounts/${id}/tokens`, { method: 'POST', headers: { authorization: `Bearer ${admin}` } })).json()) as { token: string };

      const send = (bytes: Buffer) => {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), 'photo.jpg');
        return fetch(`${url}/api/v1/accounts/${id}/evidence`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      };
      const ok = await send(await jpegWithGps());
      expect(ok.status).toBe(201);
      const body = (await ok.json()) as { sha256: string; mediaType: string };
      expect(body.mediaType).toBe('image/jpeg');
      const back = await fetch(`${url}/api/v1/accounts/${id}/evidence/${body.sha256}`, { headers: { authorization: `Bearer ${token}` } });
      expect(back.headers.get('x-content-type-options')).toBe('nosniff');
      expect(Buffer.from(await back.arrayBuffer()).length).toBeGreaterThan(0);

      const big = await send(Buffer.concat([await jpegWithGps(), Buffer.alloc(200_000)]));
      expect(big.status).toBe(413);
      expect(((await big.json()) as { error: { code: string } }).error.code).toBe('evidence_too_large');
      // The server still answers after refusing a large body mid-stream.
      expect((await fetch(`${url}/healthz`)).status).toBe(200);

      expect(server.output()).toContain('busboyOptions');
      expect(server.output()).not.toContain(token);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });
});
