// What Node and Fastify refuse before any route runs — malformed URL escapes, over-long path values,
// huge headers, requests that are not HTTP — still answers from the error catalogue, on a real socket.
import { connect } from 'node:net';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth, openTestPlatform, type TestPlatform } from './support/platforms.js';
import { agencyToken } from './support/helpers.js';

describe('framework-level refusals', () => {
  let p: TestPlatform;
  let base: string;
  beforeAll(async () => {
    p = await openTestPlatform('sqlite');
    base = await p.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => p?.cleanup());

  const expectCatalogue = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    const body = (await res.json()) as { error: { code: string; messages: { th: string; en: string }; correlationId: string } };
    expect(body.error.code).toBe(code);
    expect(body.error.messages.th).toMatch(/[\u0E00-\u0E7F]/);
    expect(body.error.correlationId).toBe(res.headers.get('x-correlation-id'));
  };

  it('answers a malformed percent-escape in the path with 400 invalid_url', async () => {
    await expectCatalogue(await fetch(`${base}/api/v1/accounts/%E0%A4%A/score`), 400, 'invalid_url');
  });

  it('answers an over-long path value with 414 uri_too_long', async () => {
    await expectCatalogue(await fetch(`${base}/api/v1/accounts/${'a'.repeat(500)}/score`), 414, 'uri_too_long');
  });

  it('answers headers over the limit, and an over-long URL, with 431 headers_too_large', async () => {
    await expectCatalogue(await fetch(`${base}/healthz`, { headers: { 'x-big': 'a'.repeat(20_000) } }), 431, 'headers_too_large');
    await expectCatalogue(await fetch(`${base}/api/v1/areas?q=${'a'.repeat(100_000)}`), 431, 'headers_too_large');
  });

  it('answers bytes that are not HTTP with 400 malformed_request and closes the connection', async () => {
    const { port } = new URL(base);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => {
        data += d.toString();
      });
      socket.on('end', () => resolve(data));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('"code":"malformed_request"');
  });

  it('answers unknown routes, wrong methods, wrong content types, empty and invalid JSON and a batch item in the catalogue shape', async () => {
    const trc = await agencyToken(p.app, 'trc');
    const json = { ...auth(trc), 'content-type': 'application/json' };
    const cases: Array<[InjectOptions, number, string]> = [
      [{ method: 'GET', url: '/api/v1/no-such-thing' }, 404, 'not_found'],
      [{ method: 'DELETE', url: '/api/v1/indicators' }, 404, 'not_found'],
      [{ method: 'POST', url: '/api/v1/attestations', headers: { ...auth(trc), 'content-type': 'text/plain' }, payload: 'x' }, 415, 'unsupported_media_type'],
      [{ method: 'POST', url: '/api/v1/attestations', headers: { ...auth(trc), 'content-type': 'application/xml' }, payload: '<a/>' }, 415, 'unsupported_media_type'],
      [{ method: 'POST', url: '/api/v1/attestations', headers: json, payload: '' }, 400, 'invalid_json'],
      [{ method: 'POST', url: '/api/v1/attestations', headers: auth(trc) }, 400, 'validation_failed'],
      [{ method: 'POST', url: '/api/v1/attestations', headers: json, payload: '{"ref":' }, 400, 'invalid_json'],
      [{ method: 'POST', url: '/api/v1/attestations', headers: json, payload: '{"__proto__":{"admin":true}}' }, 400, 'invalid_json'],
      [{ method: 'POST', url: '/api/v1/attestations/batch', headers: json, payload: '[]' }, 400, 'validation_failed'],
      // A NUL character anywhere (PostgreSQL cannot store one in text) is bad input, not a 500.
      [{ method: 'GET', url: '/api/v1/opportunities/%00' }, 400, 'validation_failed'],
      [{ method: 'GET', url: '/api/v1/areas?q=a%00b' }, 400, 'validation_failed'],
      [{ method: 'POST', url: '/api/v1/attestations', headers: json, payload: '{"ref":"a\\u0000b"}' }, 400, 'validation_failed'],
    ];
    for (const [req, status, code] of cases) {
      const res = await p.app.inject(req);
      expect(res.statusCode, `${req.method} ${req.url}`).toBe(status);
      const { error } = res.json();
      expect(
        Object.keys(error)
          .filter((k) => k !== 'details')
          .sort(),
      ).toEqual(['code', 'correlationId', 'message', 'messages']);
      expect(error).toMatchObject({ code, correlationId: res.headers['x-correlation-id'] });
    }
    const batch = await p.app.inject({
      method: 'POST',
      url: '/api/v1/attestations/batch',
      headers: { ...auth(trc), 'accept-language': 'en' },
      payload: {
        items: [
          {
            ref: 'fe-1',
            subject: { accountId: '01a00000-0000-7000-8000-000000000000' },
            indicator: 'trc.blood.red-cell',
            occurredAt: '2026-05-01T09:00:00+07:00',
            evidence: { donationNo: 'FE-1' },
          },
        ],
      },
    });
    expect(batch.statusCode).toBe(200);
    expect(batch.json().items[0]).toEqual({
      ref: 'fe-1',
      ok: false,
      error: {
        code: 'subject_not_enrolled',
        message: expect.stringMatching(/not enrolled/),
        messages: { th: expect.stringMatching(/[\u0E00-\u0E7F]/), en: expect.stringMatching(/not enrolled/) },
        correlationId: batch.headers['x-correlation-id'],
      },
    });
  });
});
