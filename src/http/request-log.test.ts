import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { OneLineRequestLog, REDACT } from './request-log.js';

function appWithLog(lines: Record<string, unknown>[]) {
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  const app = Fastify({ logger: { level: 'info', stream, redact: REDACT }, logController: new OneLineRequestLog(), genReqId: () => 'corr-1234' });
  app.get('/hello/:name', async () => ({ ok: true }));
  app.get('/boom', async () => {
    throw new Error('boom');
  });
  app.get('/quiet', { logLevel: 'warn' }, async () => ({ ok: true }));
  app.get('/person', async (req) => {
    req.log.info({ input: { nationalId: '1234567890121', passport: 'AA1234567' } }, 'asked');
    // A serializer that showed headers would still not show the token.
    req.log.info({ req: { headers: { authorization: 'Bearer kdp_secret', cookie: 'kd=secret' } } }, 'headers');
    throw Object.assign(new Error('refused'), { nationalId: '1234567890121' });
  });
  return app;
}

describe('request log', () => {
  it('writes one line per request, with what was asked, the answer and the correlation id', async () => {
    const lines: Record<string, unknown>[] = [];
    const app = appWithLog(lines);
    expect((await app.inject({ method: 'GET', url: '/hello/somchai?x=1' })).statusCode).toBe(200);
    await app.close();
    const requests = lines.filter((l) => l.req || l.res);
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ level: 30, msg: 'request completed', reqId: 'corr-1234', req: { method: 'GET', url: '/hello/somchai?x=1' }, res: { statusCode: 200 } });
    expect(typeof requests[0]!.responseTime).toBe('number');
  });

  it('still writes the error of a request that failed', async () => {
    const lines: Record<string, unknown>[] = [];
    const app = appWithLog(lines);
    expect((await app.inject({ method: 'GET', url: '/boom' })).statusCode).toBe(500);
    await app.close();
    expect(lines.some((l) => l.level === 50 && (l.err as { message?: string } | undefined)?.message === 'boom')).toBe(true);
    expect(lines.filter((l) => l.msg === 'request completed' && (l.res as { statusCode: number }).statusCode === 500)).toHaveLength(1);
  });

  it("keeps a national ID, a passport and a token out of every line, and follows a route's own level", async () => {
    const lines: Record<string, unknown>[] = [];
    const app = appWithLog(lines);
    expect((await app.inject({ method: 'GET', url: '/person', headers: { authorization: 'Bearer kdp_secret' } })).statusCode).toBe(500);
    expect((await app.inject({ method: 'GET', url: '/quiet' })).statusCode).toBe(200);
    await app.close();
    const text = JSON.stringify(lines);
    expect(text).not.toMatch(/1234567890121|AA1234567|kdp_secret|kd=secret/);
    expect(lines.find((l) => l.msg === 'asked')).toMatchObject({ input: { nationalId: '[redacted]', passport: '[redacted]' } });
    expect(lines.find((l) => l.level === 50)).toMatchObject({ err: { message: 'refused' }, reqId: 'corr-1234' });
    expect(lines.filter((l) => l.msg === 'request completed').map((l) => (l.req as { url: string }).url)).toEqual(['/person']);
  });
});
