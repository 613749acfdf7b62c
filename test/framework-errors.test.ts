// What Node and Fastify refuse before any route runs — malformed URL escapes, over-long path values,
// huge headers, requests that are not HTTP — still answers from the error catalogue, on a real socket.
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestPlatform, type TestPlatform } from './support/platforms.js';

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
});
