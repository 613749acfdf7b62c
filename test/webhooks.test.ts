// Partner webhooks end to end on SQLite and PostgreSQL, against a real HTTP receiver on 127.0.0.1:
// registration, signed delivery of the redemption events, retries with backoff under a stable
// delivery id, giving up, and no event enqueued for a partner without a webhook.
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createVault } from '../src/adapters/crypto.js';
import { createOutboundHttp } from '../src/adapters/outbound-http.js';
import { createWebhookService, verifyWebhookSignature } from '../src/services/webhooks.js';
import { DB_KINDS, auth, openTestPlatform, type DbKind } from './support/platforms.js';
import { agencyToken, attest, enrolPerson, personToken } from './support/helpers.js';

const TIMEOUT_MS = 400;

/** A test platform with the delivery loop off (the test calls deliverDue), a short timeout, and the receiver on loopback allowed. */
async function openWebhookPlatform(kind: DbKind, now: Date) {
  const p = await openTestPlatform(kind, now, { sequencer: { autoStart: false }, webhooks: { autoStart: false, timeoutMs: TIMEOUT_MS, allowLoopback: true } });
  /** The platform's vault, for a second delivery service on the same database. */
  return Object.assign(p, { vault: createVault(p.secrets) });
}

type Mode = 'ok' | 'fail500' | 'hang' | 'slow' | 'redirect';
interface Received {
  path: string;
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
  answered: number | 'hung';
}

/** A webhook receiver on 127.0.0.1: each path answers by its script (then 'ok'), and records every request. */
async function startReceiver() {
  const received: Received[] = [];
  const scripts = new Map<string, Mode[]>();
  const hung: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const mode = scripts.get(path)?.shift() ?? 'ok';
      const entry: Received = { path, method: req.method ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered: 'hung' };
      received.push(entry);
      if (mode === 'hang') {
        hung.push(res);
        return;
      }
      const answer = (status: number) => {
        entry.answered = status;
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 500 ? 'database is down' : 'ok');
      };
      if (mode === 'redirect') {
        entry.answered = 302;
        res.writeHead(302, { location: `http://127.0.0.1:${(server.address() as AddressInfo).port}/redirect-target` }).end('moved');
      } else if (mode === 'slow') setTimeout(() => answer(200), 150);
      else answer(mode === 'fail500' ? 500 : 200);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    received,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    script: (path: string, modes: Mode[]) => scripts.set(path, [...modes]),
    at: (path: string) => received.filter((r) => r.path === path),
    async close() {
      for (const res of hung) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const header = (r: Received, name: string) => {
  const v = r.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
};

describe.each(DB_KINDS)('partner webhooks (%s)', (kind) => {
  let p: Awaited<ReturnType<typeof openWebhookPlatform>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let trc: string;
  let ptt: string;
  let seq = 0;
  const start = new Date('2026-11-20T03:00:00Z');

  beforeAll(async () => {
    p = await openWebhookPlatform(kind, start);
    receiver = await startReceiver();
    trc = await agencyToken(p.app, 'trc');
    ptt = await agencyToken(p.app, 'ptt');
  });
  afterAll(async () => {
    await receiver?.close();
    await p?.cleanup();
  });
  // Every test starts at the same time, far from the vouchers' 24 h expiry.
  afterEach(() => p.clock.set(start));

  const nowSeconds = () => Math.floor(p.clock.now().getTime() / 1000);
  const register = (url: string, token = ptt) => p.app.inject({ method: 'PUT', url: '/api/v1/partner/webhook', headers: auth(token), payload: { url } });
  const deliveries = async (status?: string) =>
    (await p.app.inject({ method: 'GET', url: `/api/v1/partner/webhook/deliveries${status ? `?status=${status}` : ''}`, headers: auth(ptt) })).json().items as Array<
      Record<string, unknown>
    >;
  const outboxFor = (voucherId: string) => p.store.db.selectFrom('webhook_outbox').selectAll().where('payload', 'like', `%${voucherId}%`).orderBy('created_at').execute();

  /** A person with one red-cell donation (70 points) redeems ptt.bluepoints (50): a redemption.issued event. */
  async function redeemBluepoints(): Promise<{ id: string; shortCode: string }> {
    const person = await enrolPerson(p.app);
    const r = await attest(p.app, trc, {
      ref: `wh-${++seq}`,
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-03-10T09:00:00+07:00',
      evidence: { donationNo: `WH-${seq}` },
    });
    expect(r.json().status, r.body).toBe('credited');
    const token = await personToken(p.app, person.id);
    const v = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${person.id}/redemptions`,
      headers: auth(token),
      payload: { privilege: 'ptt.bluepoints', requestKey: `wh-key-${seq}-0000` },
    });
    expect(v.statusCode, v.body).toBe(201);
    return v.json();
  }

  /** Each event a receiver path answered 2xx, by delivery id: it must be exactly once each. */
  const acknowledged = (path: string) =>
    receiver
      .at(path)
      .filter((r) => r.answered === 200)
      .map((r) => header(r, 'x-khwamdee-delivery'));

  it('registers a webhook with a secret shown once; http(s) only, no credentials, partners only', async () => {
    const get = () => p.app.inject({ method: 'GET', url: '/api/v1/partner/webhook', headers: auth(ptt) });
    expect((await get()).json().error.code).toBe('webhook_not_found');
    for (const url of ['ftp://127.0.0.1/hook', 'file:///etc/passwd', 'http://user:secret@127.0.0.1/hook', 'not a url']) {
      const bad = await register(url);
      expect(bad.statusCode, url).toBe(400);
      expect(['invalid_webhook_url', 'validation_failed'], url).toContain(bad.json().error.code);
    }
    expect((await register(receiver.url('/x'), trc)).statusCode).toBe(403);
    expect((await p.app.inject({ method: 'PUT', url: '/api/v1/partner/webhook', payload: { url: receiver.url('/x') } })).statusCode).toBe(401);

    const ok = await register(receiver.url('/registered'));
    expect(ok.statusCode, ok.body).toBe(200);
    const { url, secret } = ok.json();
    expect(url).toBe(receiver.url('/registered'));
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const shown = await get();
    expect(shown.json()).toEqual({ url, createdAt: start.toISOString() });
    expect(shown.body).not.toContain(secret);
    const stored = await p.store.db.selectFrom('partner_webhooks').selectAll().where('partner_code', '=', 'ptt').executeTakeFirstOrThrow();
    expect(stored.secret_enc).not.toContain(secret);
    // A second registration replaces the first, with a new secret.
    const again = (await register(receiver.url('/registered-2'))).json();
    expect(again.secret).not.toBe(secret);
    expect((await get()).json().url).toBe(receiver.url('/registered-2'));

    expect((await p.app.inject({ method: 'DELETE', url: '/api/v1/partner/webhook', headers: auth(ptt) })).statusCode).toBe(204);
    expect((await get()).statusCode).toBe(404);
    expect((await p.app.inject({ method: 'DELETE', url: '/api/v1/partner/webhook', headers: auth(ptt) })).statusCode).toBe(204);
  });

  it('enqueues nothing for a partner without a webhook', async () => {
    await p.app.inject({ method: 'DELETE', url: '/api/v1/partner/webhook', headers: auth(ptt) });
    const before = receiver.received.length;
    const v = await redeemBluepoints();
    expect(await outboxFor(v.id)).toEqual([]);
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 0, failed: 0 });
    expect(receiver.received.length).toBe(before);
  });

  it('delivers redemption.issued and redemption.confirmed, signed, each exactly once', async () => {
    const path = '/happy';
    const { secret } = (await register(receiver.url(path))).json();
    const v = await redeemBluepoints();
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 1, failed: 0 });

    const [issued] = receiver.at(path);
    expect(issued).toBeDefined();
    expect(issued!.method).toBe('POST');
    expect(header(issued!, 'content-type')).toBe('application/json');
    expect(header(issued!, 'x-khwamdee-event')).toBe('redemption.issued');
    const signature = header(issued!, 'x-khwamdee-signature');
    expect(signature).toMatch(new RegExp(`^t=${nowSeconds()},v1=[0-9a-f]{64}$`));
    expect(verifyWebhookSignature(secret, signature, issued!.body, nowSeconds())).toBe(true);
    expect(verifyWebhookSignature(`${secret}x`, signature, issued!.body, nowSeconds())).toBe(false);
    expect(verifyWebhookSignature(secret, signature, issued!.body.replace('"points":50', '"points":51'), nowSeconds())).toBe(false);
    expect(verifyWebhookSignature(secret, signature, issued!.body, nowSeconds() + 301)).toBe(false);
    const event = JSON.parse(issued!.body);
    expect(event).toMatchObject({ type: 'redemption.issued', data: { voucherId: v.id, privilege: 'ptt.bluepoints', shortCode: v.shortCode, points: 50 } });
    const [row] = await outboxFor(v.id);
    expect(header(issued!, 'x-khwamdee-delivery')).toBe(row!.id);
    expect(event.id).toBe(row!.id);
    expect(row).toMatchObject({ attempts: 1, delivered_at: start.toISOString(), last_error: null });

    // Nothing is due any more: a second pass sends nothing.
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 0, failed: 0 });
    expect(receiver.at(path)).toHaveLength(1);

    const confirmed = await p.app.inject({ method: 'POST', url: '/api/v1/partner/vouchers/confirm', headers: auth(ptt), payload: { shortCode: v.shortCode } });
    expect(confirmed.json().status, confirmed.body).toBe('confirmed');
    // A second confirm is refused (409 voucher_already_used) and sends no second event.
    const again = await p.app.inject({ method: 'POST', url: '/api/v1/partner/vouchers/confirm', headers: auth(ptt), payload: { shortCode: v.shortCode } });
    expect(again.json().error.code).toBe('voucher_already_used');
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 1, failed: 0 });
    const all = receiver.at(path);
    expect(all.map((r) => header(r, 'x-khwamdee-event'))).toEqual(['redemption.issued', 'redemption.confirmed']);
    const second = all[1]!;
    expect(verifyWebhookSignature(secret, header(second, 'x-khwamdee-signature'), second.body, nowSeconds())).toBe(true);
    expect(JSON.parse(second.body)).toMatchObject({ type: 'redemption.confirmed', data: { voucherId: v.id, shortCode: v.shortCode } });

    const ids = acknowledged(path);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(2);
    const listed = (await deliveries('delivered')).filter((d) => ids.includes(d.id as string));
    expect(listed.map((d) => d.event).sort()).toEqual(['redemption.confirmed', 'redemption.issued']);
    expect(listed.every((d) => d.attempts === 1 && d.status === 'delivered' && d.nextAttemptAt === null)).toBe(true);
  });

  it("never follows a redirect and never shows the receiver's answer in the delivery list", async () => {
    const path = '/moved';
    receiver.script(path, ['redirect', 'fail500']);
    await register(receiver.url(path));
    const v = await redeemBluepoints();
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 0, failed: 1 });
    expect(receiver.at('/redirect-target')).toHaveLength(0);
    const [row] = await outboxFor(v.id);
    expect(row!.last_error).toBe('HTTP 302: redirect_not_followed');
    p.clock.advance(10_000);
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 0, failed: 1 });
    const listed = (await deliveries('pending')).find((d) => d.id === row!.id);
    // The receiver answered "database is down": only our own words are kept and shown.
    expect(listed).toMatchObject({ attempts: 2, lastError: 'HTTP 500' });
    expect(JSON.stringify(await deliveries())).not.toContain('database is down');
    expect(receiver.at('/redirect-target')).toHaveLength(0);
    // Its third try succeeds, so later tests find nothing due.
    p.clock.advance(20_000);
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 1, failed: 0 });
  });

  it('never sends one event twice at the same time, however many passes run at once', async () => {
    const path = '/concurrent';
    receiver.script(path, ['slow']);
    await register(receiver.url(path));
    const v = await redeemBluepoints();
    const reports = await Promise.all([p.services.webhooks.deliverDue(), p.services.webhooks.deliverDue(), p.services.webhooks.deliverDue()]);
    expect(reports.reduce((n, r) => n + r.delivered, 0)).toBe(1);
    expect(receiver.at(path)).toHaveLength(1);
    const [row] = await outboxFor(v.id);
    expect(row).toMatchObject({ attempts: 1, delivered_at: start.toISOString() });
  });

  it('retries after a 500 and a timeout with backoff, under the same delivery id, and delivers on the third attempt', async () => {
    const path = '/flaky';
    receiver.script(path, ['fail500', 'hang', 'ok']);
    const { secret } = (await register(receiver.url(path))).json();
    const v = await redeemBluepoints();
    const row = async () => (await outboxFor(v.id))[0]!;

    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 0, failed: 1 });
    expect(await row()).toMatchObject({ attempts: 1, delivered_at: null, next_attempt_at: new Date(start.getTime() + 10_000).toISOString() });
    expect((await row()).last_error).toMatch(/^HTTP 500/);
    const pending = (await deliveries('pending')).find((d) => d.id === header(receiver.at(path)[0]!, 'x-khwamdee-delivery'));
    expect(pending).toMatchObject({ status: 'pending', attempts: 1, lastError: expect.stringMatching(/^HTTP 500/) });

    // Not due before its backoff has passed.
    p.clock.advance(9_999);
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 0, failed: 0 });
    expect(receiver.at(path)).toHaveLength(1);

    p.clock.advance(1);
    const t0 = Date.now();
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 0, failed: 1 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    const afterTimeout = await row();
    expect(afterTimeout).toMatchObject({ attempts: 2, delivered_at: null, next_attempt_at: new Date(p.clock.now().getTime() + 20_000).toISOString() });
    expect(afterTimeout.last_error).toMatch(/timeout/);

    p.clock.advance(19_000);
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 0, failed: 0 });
    p.clock.advance(1_000);
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 1, failed: 0 });

    const tries = receiver.at(path);
    expect(tries.map((r) => r.answered)).toEqual([500, 'hung', 200]);
    const deliveryIds = new Set(tries.map((r) => header(r, 'x-khwamdee-delivery')));
    expect([...deliveryIds]).toEqual([afterTimeout.id]);
    expect(new Set(tries.map((r) => r.body)).size).toBe(1);
    const last = tries[2]!;
    expect(verifyWebhookSignature(secret, header(last, 'x-khwamdee-signature'), last.body, nowSeconds())).toBe(true);
    expect(await row()).toMatchObject({ attempts: 3, delivered_at: p.clock.now().toISOString() });
    expect(acknowledged(path)).toEqual([afterTimeout.id]);

    // Delivered means done: later passes send nothing more.
    p.clock.advance(3_600_000);
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 0, failed: 0 });
    expect(receiver.at(path)).toHaveLength(3);
  });

  it('resends under the same delivery id when a sender died between sending and marking delivered', async () => {
    const path = '/crash';
    await register(receiver.url(path));
    const v = await redeemBluepoints();
    // Another process: it sends, then "dies" (never gets to record the answer).
    const dying = createWebhookService({
      db: p.store.db,
      clock: p.clock,
      vault: p.vault,
      timeoutMs: TIMEOUT_MS,
      http: {
        check: async () => ({ ok: true }),
        post: async (url, init) => {
          await createOutboundHttp({ allowLoopback: true }).post(url, init);
          return new Promise<{ status: number }>(() => undefined);
        },
      },
    });
    void dying.deliverDue();
    for (let i = 0; i < 100 && receiver.at(path).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(receiver.at(path)).toHaveLength(1);
    // Its claim holds: nobody else sends the event meanwhile.
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 0, failed: 0 });
    // Once the claim has lapsed, the event goes out again, as the same delivery.
    p.clock.advance(TIMEOUT_MS + 60_000);
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 1, failed: 0 });
    const tries = receiver.at(path);
    expect(tries.map((r) => r.answered)).toEqual([200, 200]);
    const [row] = await outboxFor(v.id);
    expect(tries.map((r) => header(r, 'x-khwamdee-delivery'))).toEqual([row!.id, row!.id]);
    expect(tries[0]!.body).toBe(tries[1]!.body);
    expect(row).toMatchObject({ attempts: 1, delivered_at: p.clock.now().toISOString() });
  });

  it('gives up after 12 attempts and lists the delivery as failed with its last error', async () => {
    const path = '/down';
    receiver.script(
      path,
      Array.from({ length: 20 }, () => 'fail500' as const),
    );
    await register(receiver.url(path));
    const v = await redeemBluepoints();
    for (let i = 0; i < 12; i++) {
      expect(await p.services.webhooks.deliverDue(), `attempt ${i + 1}`).toEqual({ delivered: 0, failed: 1 });
      p.clock.advance(3_600_000);
    }
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 0, failed: 0 });
    expect(receiver.at(path)).toHaveLength(12);
    const [row] = await outboxFor(v.id);
    expect(row).toMatchObject({ attempts: 12, delivered_at: null });
    const failed = (await deliveries('failed')).find((d) => d.id === row!.id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 12, nextAttemptAt: null, deliveredAt: null, event: 'redemption.issued' });
    expect(failed!.lastError).toMatch(/HTTP 500.*gave up after 12 attempts/);
    expect(failed!.payload).toMatchObject({ type: 'redemption.issued', data: { voucherId: v.id } });
    expect((await deliveries('pending')).some((d) => d.id === row!.id)).toBe(false);
    expect((await deliveries('delivered')).some((d) => d.id === row!.id)).toBe(false);
  });
});

/** A stand-in DNS: each name answers what the test last set (a rebinding resolver when changed between calls). */
function scriptedResolver() {
  const answers = new Map<string, string[]>();
  const resolve = async (host: string) => {
    const list = answers.get(host);
    if (!list) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { resolve, set: (host: string, addresses: string[]) => answers.set(host, addresses) };
}

describe.each(DB_KINDS)('webhook addresses: no internal targets (%s)', (kind) => {
  let p: Awaited<ReturnType<typeof openTestPlatform>>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let ptt: string;
  let trc: string;
  const dns = scriptedResolver();
  const start = new Date('2026-11-20T03:00:00Z');

  beforeAll(async () => {
    // Loopback NOT allowed (the default); names resolve through the scripted resolver.
    p = await openTestPlatform(kind, start, {
      sequencer: { autoStart: false },
      webhooks: { autoStart: false, timeoutMs: TIMEOUT_MS, http: createOutboundHttp({ resolve: dns.resolve }) },
    });
    receiver = await startReceiver();
    trc = await agencyToken(p.app, 'trc');
    ptt = await agencyToken(p.app, 'ptt');
  });
  afterAll(async () => {
    await receiver?.close();
    await p?.cleanup();
  });

  const register = (url: string) => p.app.inject({ method: 'PUT', url: '/api/v1/partner/webhook', headers: auth(ptt), payload: { url } });

  it('refuses private, loopback, link-local, CGNAT, unspecified, multicast, metadata and IPv4-mapped addresses, in any spelling', async () => {
    const refused: Array<[string, string]> = [
      ['http://169.254.169.254/latest/meta-data/', 'link_local'],
      ['http://127.0.0.1/hook', 'loopback'],
      ['http://[::1]/hook', 'loopback'],
      ['http://0x7f.1/hook', 'loopback'],
      ['http://2130706433/hook', 'loopback'],
      ['http://017700000001/hook', 'loopback'],
      ['http://127.1/hook', 'loopback'],
      ['http://0177.0.0.1/hook', 'loopback'],
      ['http://10.1.2.3/hook', 'private'],
      ['http://172.16.0.9/hook', 'private'],
      ['http://192.168.1.1/hook', 'private'],
      ['http://100.64.0.1/hook', 'carrier_grade_nat'],
      ['http://100.100.100.200/hook', 'carrier_grade_nat'],
      ['http://0.0.0.0/hook', 'unspecified'],
      ['http://[::]/hook', 'unspecified'],
      ['http://224.0.0.1/hook', 'multicast'],
      ['http://255.255.255.255/hook', 'broadcast'],
      ['http://[::ffff:127.0.0.1]/hook', 'loopback'],
      ['http://[::ffff:a9fe:a9fe]/hook', 'link_local'],
      ['http://[fe80::1]/hook', 'link_local'],
      ['http://[fd00:ec2::254]/hook', 'unique_local'],
      ['http://[ff02::1]/hook', 'multicast'],
      ['http://[64:ff9b::7f00:1]/hook', 'rfc6052'],
      ['http://[2002:7f00:1::]/hook', '6to4'],
    ];
    for (const [url, range] of refused) {
      const res = await register(url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json().error, url).toMatchObject({ code: 'webhook_address_not_allowed', details: { range } });
    }
    // A name is judged by every address it resolves to.
    dns.set('metadata.internal.example', ['169.254.169.254']);
    dns.set('mixed.example', ['93.184.216.34', '10.0.0.5']);
    dns.set('localhost-alias.example', ['127.0.0.1']);
    for (const url of ['http://metadata.internal.example/', 'https://mixed.example/hook', 'http://localhost-alias.example/x'])
      expect((await register(url)).json().error.code, url).toBe('webhook_address_not_allowed');
    expect((await register('https://nowhere.example/hook')).json().error.code).toBe('webhook_host_not_found');
    expect(await p.store.db.selectFrom('partner_webhooks').selectAll().execute()).toEqual([]);
    dns.set('partner.example', ['93.184.216.34']);
    expect((await register('https://partner.example/hook')).statusCode).toBe(200);
  });

  it('refuses at delivery a name that now resolves to 127.0.0.1 (DNS rebinding), and connects nowhere', async () => {
    const { port } = new URL(receiver.url('/'));
    dns.set('rebind.example', ['93.184.216.34']);
    expect((await register(`http://rebind.example:${port}/rebound`)).statusCode).toBe(200);
    // After registration the name is re-pointed at the platform's own machine.
    dns.set('rebind.example', ['127.0.0.1']);
    const person = await enrolPerson(p.app);
    const r = await attest(p.app, trc, {
      ref: 'ssrf-1',
      subject: { accountId: person.id },
      indicator: 'trc.blood.red-cell',
      occurredAt: '2026-03-10T09:00:00+07:00',
      evidence: { donationNo: 'SSRF-1' },
    });
    expect(r.json().status, r.body).toBe('credited');
    const token = await personToken(p.app, person.id);
    const v = await p.app.inject({
      method: 'POST',
      url: `/api/v1/accounts/${person.id}/redemptions`,
      headers: auth(token),
      payload: { privilege: 'ptt.bluepoints', requestKey: 'ssrf-key-0001' },
    });
    expect(v.statusCode, v.body).toBe(201);
    expect(await p.services.webhooks.deliverDue()).toEqual({ delivered: 0, failed: 1 });
    expect(receiver.at('/rebound')).toHaveLength(0);
    const [row] = await p.store.db.selectFrom('webhook_outbox').selectAll().where('payload', 'like', `%${v.json().id}%`).execute();
    expect(row!.last_error).toBe('address_not_allowed: loopback');
  });
});
