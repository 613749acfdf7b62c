import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboundHttp, OutboundRefused, refusalOf } from './outbound-http.js';

describe('refusalOf', () => {
  it('passes public unicast addresses only, loopback when allowed', () => {
    expect(refusalOf('93.184.216.34')).toBeUndefined();
    expect(refusalOf('2606:2800:220:1:248:1893:25c8:1946')).toBeUndefined();
    expect(refusalOf('127.0.0.1')).toBe('loopback');
    expect(refusalOf('127.0.0.1', { allowLoopback: true })).toBeUndefined();
    expect(refusalOf('[::1]', { allowLoopback: true })).toBeUndefined();
    expect(refusalOf('10.0.0.1', { allowLoopback: true })).toBe('private');
    expect(refusalOf('169.254.169.254')).toBe('link_local');
    expect(refusalOf('::ffff:10.0.0.1')).toBe('private');
    for (const odd of ['0x7f.1', '2130706433', '017700000001', '127.1', '0x7f000001']) expect(refusalOf(odd), odd).toBe('loopback');
    expect(refusalOf('example.com')).toBe('not_an_address');
  });
});

describe('outbound HTTP, against a real server on loopback', () => {
  let server: Server;
  let port: number;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => {
      hits += 1;
      res.writeHead(500).end('internal secret answer');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  const init = () => ({ headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(2000) });

  it('refuses a name that resolves (through the system resolver) to 127.0.0.1 unless loopback is allowed', async () => {
    await expect(createOutboundHttp().post(`http://localhost:${port}/`, init())).rejects.toBeInstanceOf(OutboundRefused);
    await expect(createOutboundHttp().post(`http://127.0.0.1:${port}/`, init())).rejects.toBeInstanceOf(OutboundRefused);
    await expect(createOutboundHttp().post(`http://0x7f.1:${port}/`, init())).rejects.toBeInstanceOf(OutboundRefused);
    expect(hits).toBe(0);
    expect(await createOutboundHttp().check(`http://localhost:${port}/`)).toEqual({ ok: false, reason: 'address_not_allowed', range: 'loopback' });
    const allowed = createOutboundHttp({ allowLoopback: true });
    expect(await allowed.post(`http://localhost:${port}/`, init())).toEqual({ status: 500 });
    expect(await allowed.post(`http://127.0.0.1:${port}/`, init())).toEqual({ status: 500 });
    expect(hits).toBe(2);
  });

  it('connects to the address it checked, not to what the name resolves to later', async () => {
    let calls = 0;
    // First answer (the check) public, then loopback: the connection's own lookup is checked again.
    const resolve = async () => [{ address: calls++ === 0 ? '93.184.216.34' : '127.0.0.1', family: 4 }];
    const http = createOutboundHttp({ resolve });
    expect(await http.check(`http://rebind.example:${port}/`)).toEqual({ ok: true });
    await expect(http.post(`http://rebind.example:${port}/`, init())).rejects.toBeInstanceOf(OutboundRefused);
    expect(hits).toBe(2);
  });
});
